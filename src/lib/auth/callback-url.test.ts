import { describe, expect, it } from "vitest";
import { safeCallbackUrl, safeRedirect } from "./callback-url";

const SITE = "http://site.example";
/** Where a browser on SITE would actually go for this Location. */
const landsOn = (location: string) => new URL(location, SITE).origin;

describe("safeCallbackUrl", () => {
  it("keeps a path of this site", () => {
    expect(safeCallbackUrl("/workspace/budgets/12?tab=lines#x")).toBe("/workspace/budgets/12?tab=lines#x");
    expect(safeCallbackUrl("/admin/users")).toBe("/admin/users");
  });

  it.each([
    ["tab", "/\t/evil.example/phish"],
    ["CR", "/\r/evil.example/phish"],
    ["LF", "/\n/evil.example/phish"],
    ["leading tab", "\t//evil.example"],
    ["two slashes", "//evil.example"],
    ["backslash", "/\\evil.example"],
    ["slash, tab, backslash", "/\t\\evil.example"],
    ["absolute URL", "https://evil.example/"],
    ["scheme-relative after a dot segment", "/./\t/evil.example"],
    ["javascript:", "javascript:alert(1)"],
    ["the sign-in page itself", "/login?callbackUrl=/x"],
  ])("refuses %s", (_name, raw) => {
    const out = safeCallbackUrl(raw);
    expect(out).toBe("/workspace");
  });

  it("never sends the browser to another host, and never returns control characters", () => {
    // What /login?callbackUrl=%2F%09%2Fevil.example%2Fphish hands to the page, and friends.
    const tricky = ["/\t/evil.example", "/%09/evil.example", "/%2F/evil.example", "/..//evil.example", "/a/../../evil.example", "/\u2028/evil", "/\u00a0/evil", "/ /evil.example"];
    for (const raw of tricky) {
      const out = safeCallbackUrl(raw);
      expect(landsOn(out), raw).toBe(SITE);
      expect(out).not.toMatch(/[\u0000-\u001f\u007f-\uffff]/);
    }
  });
});

describe("safeRedirect (next-auth)", () => {
  it("keeps URLs of this site and refuses everything else", () => {
    expect(safeRedirect("/login", SITE)).toBe(`${SITE}/login`);
    expect(safeRedirect(`${SITE}/workspace`, SITE)).toBe(`${SITE}/workspace`);
    expect(safeRedirect("https://evil.example/", SITE)).toBe(SITE);
    expect(safeRedirect("//evil.example/", SITE)).toBe(SITE);
    expect(safeRedirect("/\n/evil.example", SITE)).toBe(SITE);
    expect(safeRedirect("/\\evil.example", SITE)).toBe(SITE);
  });
});
