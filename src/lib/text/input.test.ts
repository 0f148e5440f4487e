import { describe, expect, it } from "vitest";
import { charCount, cleanQueryText, textInput } from "./input";

const name = textInput("项目名称", { min: 1, max: 200 });
const issues = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe("textInput", () => {
  it("counts characters, not UTF-16 units: 200 emoji fit in 200", () => {
    expect(charCount("😀".repeat(200))).toBe(200);
    expect(name.safeParse("😀".repeat(200)).success).toBe(true);
    expect(issues(name.safeParse("😀".repeat(201)))).toEqual(["项目名称不能超过 200 字"]);
    expect(name.safeParse("𠀀".repeat(200)).success).toBe(true);
  });

  it("refuses a NUL character with a Chinese message", () => {
    expect(issues(name.safeParse("办公\u0000楼"))).toEqual(["项目名称不能包含空字符（U+0000）"]);
  });

  it("refuses unpaired surrogates", () => {
    for (const bad of ["a\uD800b", "\uDC00", "x\uDBFF"]) expect(issues(name.safeParse(bad))[0]).toMatch(/不成对的代理项/);
    expect(name.safeParse("\uD83D\uDE00").success).toBe(true);
  });

  it("normalises once: NFC, line ends, trimmed; empty is refused when required", () => {
    expect(name.parse("  Cafe\u0301\r\n第二行\r ")).toBe("Café\n第二行");
    expect(issues(name.safeParse("   "))).toEqual(["请填写项目名称"]);
    expect(textInput("说明", { max: 10 }).parse("")).toBe("");
  });
});

describe("cleanQueryText", () => {
  it("drops what cannot be stored or searched and never splits a character", () => {
    expect(cleanQueryText("财政\u0000局\uD800", 100)).toBe("财政 局");
    expect(cleanQueryText("😀😀😀", 2)).toBe("😀😀");
  });
});
