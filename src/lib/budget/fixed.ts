/**
 * Exact fixed-point amounts for the engine's hot loops: an amount is a BigInt count of
 * 10^-decimals 元 (normally 分, decimals = 2). Parsing, adding and printing never go through a
 * JavaScript number; decimal.js is used only at the edges (percentages, the 情况说明's figures).
 *
 * A ledger picks one scale for all its amounts: 2, or more when the input carries amounts finer
 * than 分 (bad input that must stay visible exactly rather than be rounded away).
 */
import { Decimal } from "../money";
import type { AmountUnit } from "./types";

export interface Scale {
  /** Decimal places of the unit: 2 means one unit is 1 分. */
  decimals: number;
  /** Units per 元. */
  one: bigint;
  /** Units per printed 0.01 of each display unit (0.01 万元 = 100 元; 0.01 元). */
  wanStep: bigint;
  yuanStep: bigint;
}

const scales: Scale[] = [];

function pow10(n: number): bigint {
  let p = 1n;
  for (let i = 0; i < n; i++) p *= 10n;
  return p;
}

export function scaleOf(decimals: number): Scale {
  const d = Math.max(2, decimals);
  let s = scales[d];
  if (!s) {
    s = { decimals: d, one: pow10(d), wanStep: pow10(d + 2), yuanStep: pow10(d - 2) };
    scales[d] = s;
  }
  return s;
}

/** 分: the scale of every valid input. */
export const FEN: Scale = scaleOf(2);

/** Decimal places written in an amount string (0 without a point); 0 for anything not a string. */
export function writtenDecimals(raw: unknown): number {
  if (typeof raw !== "string") return 0;
  const dot = raw.indexOf(".");
  return dot < 0 ? 0 : raw.length - dot - 1;
}

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

export type ParsedAmount =
  | { ok: true; value: bigint; decimals: number; negative: boolean }
  | { ok: false };

const MALFORMED: ParsedAmount = { ok: false };

/**
 * Parses a plain decimal string (the same grammar as `inspectMoney`) into units of `scale`.
 * Returns `ok: false` for anything malformed. An amount with more decimals than the scale is a
 * programming error (scales are chosen from the input beforehand) and throws.
 */
export function parseAmount(raw: unknown, scale: Scale): ParsedAmount {
  if (typeof raw !== "string") return MALFORMED;
  const m = PLAIN_DECIMAL.exec(raw);
  if (!m) return MALFORMED;
  const int = m[2] as string;
  const frac = m[3];
  const decimals = frac === undefined ? 0 : frac.length;
  if (decimals > scale.decimals) throw new Error(`amount ${raw} is finer than the ledger's scale`);
  let digits: string;
  if (decimals === scale.decimals) digits = int + (frac as string);
  else if (frac === undefined) digits = int + "0".repeat(scale.decimals);
  else digits = int + frac + "0".repeat(scale.decimals - decimals);
  const magnitude = BigInt(digits);
  const negative = m[1] === "-" && magnitude !== 0n;
  return { ok: true, value: negative ? -magnitude : magnitude, decimals, negative };
}

/** The amount in units of `scale`, or zero when it cannot be read. */
export function amountOrZero(raw: unknown, scale: Scale): bigint {
  const p = parseAmount(raw, scale);
  return p.ok ? p.value : 0n;
}

/** Writes |v| with exactly `decimals` decimals. */
function fixedDigits(abs: bigint, decimals: number): string {
  let s = abs.toString();
  if (s.length <= decimals) s = "0".repeat(decimals - s.length + 1) + s;
  return `${s.slice(0, s.length - decimals)}.${s.slice(s.length - decimals)}`;
}

/**
 * Canonical exact 元 string (as `toYuanString`): two decimals, more only when the value really
 * has them ("51141893.001").
 */
export function exactString(v: bigint, scale: Scale): string {
  const negative = v < 0n;
  let s = fixedDigits(negative ? -v : v, scale.decimals);
  if (scale.decimals > 2) {
    let end = s.length;
    const min = s.length - scale.decimals + 2;
    while (end > min && s.charCodeAt(end - 1) === 48) end--;
    s = s.slice(0, end);
  }
  return negative ? `-${s}` : s;
}

/**
 * How a table prints its amounts: in 万元 or 元, with two decimals or whole (each cell rounded
 * half-up from the exact sum, so a printed total may differ from its printed parts).
 */
export interface Display {
  unit: AmountUnit;
  decimals: 0 | 2;
}

const displays = new Map<string, Display>();

/** One shared object per (unit, decimals): caches may compare displays by identity. */
export function displayOf(unit: AmountUnit | Display, decimals: 0 | 2 = 2): Display {
  if (typeof unit !== "string") return displayOf(unit.unit, unit.decimals);
  const key = `${unit}:${decimals}`;
  let d = displays.get(key);
  if (!d) {
    d = { unit, decimals };
    displays.set(key, d);
  }
  return d;
}

/**
 * The printed figure in hundredths of the display unit, rounded half-up (away from zero at .5)
 * from the exact amount: 51140400.00 元 → 511404n (5114.04 万元). A whole-unit display rounds to
 * the unit first (51140400.50 元 in whole 元 → 5114040100n, i.e. 51140401.00).
 */
export function printedUnits(v: bigint, unit: AmountUnit | Display, scale: Scale): bigint {
  const d = typeof unit === "string" ? displayOf(unit) : unit;
  const step0 = d.unit === "wan" ? scale.wanStep : scale.yuanStep;
  const step = d.decimals === 0 ? step0 * 100n : step0;
  const q = step === 1n ? v : v < 0n ? -((-v + step / 2n) / step) : (v + step / 2n) / step;
  return d.decimals === 0 ? q * 100n : q;
}

/** Hundredths as a plain two-decimal string: 511404n → "5114.04"; never "-0.00". */
export function hundredthsString(q: bigint): string {
  if (q === 0n) return "0.00";
  return q < 0n ? `-${fixedDigits(-q, 2)}` : fixedDigits(q, 2);
}

/** Hundredths as the display writes them: "5114.04" with two decimals, "51140401" whole. */
export function shownString(q: bigint, d: Display): string {
  if (d.decimals === 2) return hundredthsString(q);
  const whole = q / 100n;
  return whole.toString();
}

/** The printed figure as a plain string in the display unit ("5114.04"; "51140401" whole). */
export function printedString(v: bigint, unit: AmountUnit | Display, scale: Scale): string {
  const d = typeof unit === "string" ? displayOf(unit) : unit;
  return shownString(printedUnits(v, d, scale), d);
}

/** The exact amount as a decimal.js value (for percentages and the explanation's text). */
export function toDecimal(v: bigint, scale: Scale): Decimal {
  return new Decimal(exactString(v, scale));
}

/** Re-expresses an amount in a finer (or equal) scale. */
export function rescale(v: bigint, from: Scale, to: Scale): bigint {
  if (from === to) return v;
  if (to.decimals < from.decimals) throw new Error("rescale to a coarser scale");
  return v * (to.one / from.one);
}

/** The finest scale needed to hold every string exactly (at least 分). */
export function scaleFor(strings: Iterable<unknown>, at: Scale = FEN): Scale {
  let d = at.decimals;
  for (const s of strings) {
    const w = writtenDecimals(s);
    if (w > d) d = w;
  }
  return d === at.decimals ? at : scaleOf(d);
}
