/**
 * What people type or paste into an amount field, read exactly: thousands separators, full-width
 * digits and punctuation, surrounding spaces, and a visible unit (万元 / 万 / 元 / ¥). Anything that
 * could be read two ways is refused with a message that shows what was typed. Pure.
 */
import { isBudgetDomainError } from "./budget/errors";
import { parseInUnit, toYuanString, type DisplayUnit } from "./money";

export type AmountReading = { ok: true; yuan: string; unit: DisplayUnit } | { ok: false; message: string };

const FULL_WIDTH: Record<string, string> = { "．": ".", "，": ",", "－": "-", "＋": "+", "　": " ", "￥": "¥" };

/** Full-width digits and punctuation to ASCII. */
export function toHalfWidth(text: string): string {
  return text.replace(/[０-９．，－＋　￥]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code >= 0xff10 && code <= 0xff19) return String.fromCharCode(code - 0xff10 + 48);
    return FULL_WIDTH[ch] ?? ch;
  });
}

const SHOWN_MAX = 40;
const shown = (raw: string) => (raw.length > SHOWN_MAX ? `${raw.slice(0, SHOWN_MAX)}…` : raw);

/**
 * Reads an amount typed in `unit` (the field's unit, 万元 or 元) unless the text names its own.
 * Returns the exact 元 string (two decimals) or a Chinese message quoting the input.
 */
export function readAmountInput(raw: string, unit: DisplayUnit): AmountReading {
  const typed = raw;
  const refuse = (why: string): AmountReading => ({ ok: false, message: `无法识别“${shown(typed)}”：${why}` });
  let text = toHalfWidth(raw).replace(/[\s\u00a0]+/g, " ").trim();
  if (text === "") return { ok: false, message: "请填写金额" };

  // A visible unit wins over the field's: "12.5 万元", "¥ 1,200", "3000元".
  let own: DisplayUnit | null = null;
  const suffix = /^(.*?)\s*(万元|万|元)$/.exec(text);
  if (suffix) {
    own = suffix[2] === "元" ? "yuan" : "wan";
    text = suffix[1]!.trim();
  }
  if (/^[¥]/.test(text)) {
    if (own === "wan") return refuse("同时写了“¥”和“万”，请只保留一种单位");
    own = "yuan";
    text = text.slice(1).trim();
  }
  if (/[万元¥]/.test(text)) return refuse("单位只能写在数字后面，且只能写一次");
  if (/^[-−]/.test(text)) return refuse("金额不能为负数");
  if (text.startsWith("+")) text = text.slice(1);

  // Spaces between digit groups are thousands separators only in groups of three.
  if (text.includes(" ")) {
    if (!/^\d{1,3}( \d{3})+(\.\d+)?$/.test(text)) return refuse("数字中间有空格");
    text = text.replace(/ /g, "");
  }
  if (text.includes(",")) {
    // "1,234,567.89": groups of three before the point; anything else ("1,5", "1.234,56") is ambiguous.
    if (!/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return refuse("千分位逗号位置不对（应每三位一个，如 1,234,567.89），无法确定数值");
    text = text.replace(/,/g, "");
  }
  if (!/^\d+(\.\d+)?$/.test(text)) return refuse("不是数字");
  const effective = own ?? unit;
  try {
    return { ok: true, yuan: toYuanString(parseInUnit(text, effective)), unit: effective };
  } catch (error) {
    return refuse(isBudgetDomainError(error) ? (error.message.split("”").slice(1).join("”") || error.message) : "金额无效");
  }
}
