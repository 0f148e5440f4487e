/**
 * Money helpers. Amounts are exact decimal strings at every boundary (元 with at most two
 * decimals, i.e. 分) and decimal.js values inside computations. Nothing here ever goes through a
 * JavaScript float: no Number(), no parseFloat, no Number#toFixed. (`Decimal#toFixed` below is
 * decimal.js's own, exact, method.)
 */
import DecimalJs from "decimal.js";
import { BudgetDomainError } from "./budget/errors";

/**
 * The project's Decimal: enough precision for any sum of budgets, rounding half-up (四舍五入,
 * away from zero at .5) and plain notation in toString().
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});
export type Decimal = DecimalJs;

export const ZERO: Decimal = new Decimal(0);
/** 1 万元 = 10,000 元. */
export const YUAN_PER_WAN: Decimal = new Decimal(10000);

export type DisplayUnit = "wan" | "yuan";

export function unitLabel(unit: DisplayUnit): "万元" | "元" {
  return unit === "wan" ? "万元" : "元";
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export type MoneyIssue = "malformed" | "too_precise" | "negative";

export type MoneyInspection =
  | { ok: true; value: Decimal; decimals: number; negative: boolean }
  | { ok: false; issue: "malformed"; message: string };

/**
 * Looks at a raw amount without throwing: is it a plain decimal string, how many decimals, is
 * it negative. Used by the checks, which must report bad input rather than crash on it.
 */
export function inspectMoney(raw: unknown): MoneyInspection {
  if (typeof raw !== "string") {
    return { ok: false, issue: "malformed", message: `金额必须是十进制数字字符串，收到的是${describe(raw)}` };
  }
  const m = PLAIN_DECIMAL.exec(raw);
  if (!m) {
    return { ok: false, issue: "malformed", message: `金额“${truncate(raw)}”不是有效的数字` };
  }
  const decimals = m[3] ? m[3].length : 0;
  const value = new Decimal(raw);
  return { ok: true, value, decimals, negative: m[1] === "-" && !value.isZero() };
}

export interface ParseOptions {
  /** Allow amounts below zero (e.g. a change between years). Default false. */
  allowNegative?: boolean;
  /** Field name for the message, e.g. "预算数". */
  field?: string;
}

/** Parses an amount in 元 (at most two decimals: 分). Throws BudgetDomainError on bad input. */
export function parseYuan(raw: unknown, options: ParseOptions = {}): Decimal {
  return parseWithScale(raw, 2, "元", options);
}

/**
 * Parses an amount typed in 万元 and returns it in 元. Up to six decimals are accepted, which is
 * still exact to the 分.
 */
export function parseWan(raw: unknown, options: ParseOptions = {}): Decimal {
  return parseWithScale(raw, 6, "万元", options).times(YUAN_PER_WAN);
}

/** Parses an amount typed in the given display unit and returns it in 元. */
export function parseInUnit(raw: unknown, unit: DisplayUnit, options: ParseOptions = {}): Decimal {
  return unit === "wan" ? parseWan(raw, options) : parseYuan(raw, options);
}

function parseWithScale(raw: unknown, maxDecimals: number, label: string, options: ParseOptions): Decimal {
  const field = options.field ? `${options.field}：` : "";
  const seen = inspectMoney(raw);
  if (!seen.ok) {
    throw new BudgetDomainError("MONEY_MALFORMED", `${field}${seen.message}`, { value: truncate(String(raw)) });
  }
  if (seen.decimals > maxDecimals) {
    throw new BudgetDomainError(
      "MONEY_TOO_PRECISE",
      `${field}金额“${truncate(String(raw))}”超过 ${maxDecimals} 位小数（以${label}计，最小单位为分）`,
      { value: truncate(String(raw)) },
    );
  }
  if (seen.negative && !options.allowNegative) {
    throw new BudgetDomainError("MONEY_NEGATIVE", `${field}金额“${truncate(String(raw))}”不能为负数`, {
      value: truncate(String(raw)),
    });
  }
  return seen.value;
}

/** Accepts a Decimal or a decimal string in 元. */
export type YuanLike = Decimal | string;

function asDecimal(v: YuanLike): Decimal {
  return typeof v === "string" ? parseYuan(v, { allowNegative: true }) : v;
}

/** Exact conversion, no rounding. */
export function yuanToWan(yuan: YuanLike): Decimal {
  return asDecimal(yuan).div(YUAN_PER_WAN);
}

/** Exact conversion, no rounding. */
export function wanToYuan(wan: Decimal | string): Decimal {
  const d = typeof wan === "string" ? parseWithScale(wan, 6, "万元", { allowNegative: true }) : wan;
  return d.times(YUAN_PER_WAN);
}

/**
 * Canonical string of an exact 元 amount: at least two decimals ("1969100.00"); more only when
 * the value really has them (bad input finer than 分 stays visible rather than rounded away).
 */
export function toYuanString(yuan: Decimal): string {
  const s = yuan.decimalPlaces() <= 2 ? yuan.toFixed(2) : yuan.toFixed();
  return s === "-0.00" ? "0.00" : s;
}

/** The figure a disclosure prints, as a Decimal in the display unit, rounded half-up to 0.01. */
export function roundForDisplay(yuan: YuanLike, unit: DisplayUnit): Decimal {
  const d = asDecimal(yuan);
  return (unit === "wan" ? d.div(YUAN_PER_WAN) : d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** The printed figure as a plain decimal string in the display unit ("5114.04"). */
export function toDisplayString(yuan: YuanLike, unit: DisplayUnit): string {
  const d = asDecimal(yuan);
  const s = (unit === "wan" ? d.div(YUAN_PER_WAN) : d).toFixed(2, Decimal.ROUND_HALF_UP);
  return s === "-0.00" ? "0.00" : s;
}

/** Inserts thousands separators into a plain decimal string: "5114.04" → "5,114.04". */
export function withThousands(plain: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(plain);
  if (!m) return plain;
  const int = m[2] ?? "";
  let grouped = "";
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += ",";
    grouped += int[i];
  }
  return `${m[1] ?? ""}${grouped}${m[3] ?? ""}`;
}

export interface FormatOptions {
  /** Thousands separators (default true). */
  separators?: boolean;
}

/** 元 → "5,114.04" (万元, two decimals, half-up from the exact 元 amount). */
export function formatWan(yuan: YuanLike, options: FormatOptions = {}): string {
  return formatAmount(yuan, "wan", options);
}

/** 元 → "51,140,400.00". */
export function formatYuan(yuan: YuanLike, options: FormatOptions = {}): string {
  return formatAmount(yuan, "yuan", options);
}

export function formatAmount(yuan: YuanLike, unit: DisplayUnit, options: FormatOptions = {}): string {
  const plain = toDisplayString(yuan, unit);
  return options.separators === false ? plain : withThousands(plain);
}

/**
 * An amount inside running text, as the seed writes it: no separators, "0" for nothing
 * ("预算数 0 万元"), otherwise two decimals ("5114.04 万元").
 */
export function formatForText(yuan: YuanLike, unit: DisplayUnit): string {
  const d = asDecimal(yuan);
  if (d.isZero()) return "0";
  return toDisplayString(d, unit);
}

export function sumMoney(values: Iterable<YuanLike>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(asDecimal(v));
  return total;
}

/**
 * part / whole as a percentage rounded half-up to `decimals` places ("5.87"); null when the
 * whole is zero (no meaningful percentage).
 */
export function percentOf(part: Decimal, whole: Decimal, decimals = 2): string | null {
  if (whole.isZero()) return null;
  const s = part.times(100).div(whole).toFixed(decimals, Decimal.ROUND_HALF_UP);
  return s.startsWith("-") && /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

function describe(v: unknown): string {
  if (v === null) return "空值";
  if (v === undefined) return "未填写";
  if (typeof v === "number") return "数字（浮点数不能表示精确金额）";
  return typeof v;
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
