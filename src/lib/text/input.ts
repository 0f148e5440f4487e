/**
 * Text as it enters the system: one rule for every text input, applied once at the edge (the zod
 * schemas of the procedures). A NUL character and an unpaired UTF-16 surrogate cannot be stored by
 * PostgreSQL and are refused with a message; accepted text is normalised (Unicode NFC, line ends
 * "\n", trimmed); lengths count characters (code points), so "😀" is one character, not two.
 */
import { z } from "zod";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Characters (Unicode code points) in a string. */
export function charCount(s: string): number {
  let n = s.length;
  // Each surrogate pair is one character written with two UTF-16 units.
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

/** The stored form of accepted text: NFC, "\n" line ends, no surrounding white space. */
export function normaliseText(s: string): string {
  return s.normalize("NFC").replace(/\r\n?/g, "\n").trim();
}

/** The problem with a text before it is normalised, in Chinese, or null. */
export function textProblem(what: string, s: string): string | null {
  if (s.includes("\u0000")) return `${what}不能包含空字符（U+0000）`;
  if (hasLoneSurrogate(s)) return `${what}含有无效字符（不成对的代理项），请删除后重新输入`;
  return null;
}

/**
 * Text typed into a search box or a URL: never refused, cleaned instead (control characters and
 * unpaired surrogates dropped, normalised, cut to `max` characters without splitting one).
 */
export function cleanQueryText(s: string, max: number): string {
  const cleaned = normaliseText(s.replace(/[\u0000-\u001f\u007f]/g, " ").replace(new RegExp(LONE_SURROGATE, "g"), ""));
  return Array.from(cleaned).slice(0, max).join("").trim();
}

export interface TextInputOptions {
  /** Most characters allowed (code points). */
  max: number;
  /** Fewest characters; 1 makes the field required. Default 0. */
  min?: number;
  /** Message when shorter than `min`; default "请填写{what}". */
  required?: string;
  /** Message when longer than `max`; default "{what}不能超过 {max} 字". */
  tooLong?: string;
}

/** The zod schema of a text input: refuses NUL and unpaired surrogates, normalises, counts characters. */
export function textInput(what: string, options: TextInputOptions) {
  const { max, min = 0 } = options;
  return z
    .string({ error: `${what}须为文字` })
    .superRefine((s, ctx) => {
      const problem = textProblem(what, s);
      if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
    })
    .transform(normaliseText)
    .superRefine((s, ctx) => {
      const n = charCount(s);
      if (n < min) ctx.addIssue({ code: "custom", message: options.required ?? (min <= 1 ? `请填写${what}` : `${what}至少 ${min} 字`) });
      else if (n > max) ctx.addIssue({ code: "custom", message: options.tooLong ?? `${what}不能超过 ${max} 字` });
    });
}
