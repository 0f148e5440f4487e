/**
 * Writing amounts into rows and reading them back. Each row keeps its exact 元 strings (the
 * public data) and, privately, the exact BigInt amounts they came from so the checks need not
 * re-parse them. The private copy is keyed by the string it belongs to: if a consumer edits
 * `exact` (or a printed cell), the edit wins and the checks see it.
 */
import { displayOf, exactString, printedUnits, shownString, type Display, type Scale } from "./fixed";
import type { TableRow } from "./model";
import type { AmountUnit } from "./types";

/** An amount as written into cells: its exact value and the strings that show it. */
export interface Formatted {
  /** In units of the scale it was written in. */
  value: bigint;
  exact: string;
  /** The printed figure in hundredths of the display unit. */
  shown: bigint;
  printed: string;
}

/** What a row holds privately for its amount cells, by column key. */
export interface HeldRow {
  scale: Scale;
  cells: Record<string, Formatted>;
}

const held = new WeakMap<TableRow, HeldRow>();
export const ZERO_STRING = "0.00";

export function heldOf(row: TableRow): HeldRow | undefined {
  return held.get(row);
}

/**
 * Figures already written, by exact amount, for one (unit, scale): the same sum appears in
 * several tables and columns (a 类's total in tables 3, 5 and 10; 合计 = 本年收入 = 一般公共预算),
 * and strings are immutable, so each is formatted once. Bounded; cleared when full.
 */
const formatted = new Map<bigint, Formatted>();
const FORMAT_CACHE_LIMIT = 50_000;
let formattedUnit: Display | undefined;
let formattedScale: Scale | undefined;

function format(value: bigint, unit: Display, scale: Scale): Formatted {
  if (unit !== formattedUnit || scale !== formattedScale || formatted.size >= FORMAT_CACHE_LIMIT) {
    formatted.clear();
    formattedUnit = unit;
    formattedScale = scale;
  }
  let f = formatted.get(value);
  if (f === undefined) {
    const shown = printedUnits(value, unit, scale);
    f = { value, exact: exactString(value, scale), shown, printed: shownString(shown, unit) };
    formatted.set(value, f);
  }
  return f;
}

function heldFor(row: TableRow, scale: Scale): HeldRow {
  let h = held.get(row);
  if (!h || h.scale !== scale) {
    h = { scale, cells: {} };
    held.set(row, h);
  }
  return h;
}

/**
 * Sets an amount cell: exact 元 always, printed figure only when non-zero. `value` is in units
 * of `scale`.
 */
export function setAmount(row: TableRow, key: string, value: bigint | undefined, display: Display | AmountUnit, scale: Scale): void {
  const unit = displayOf(display);
  if (value === undefined || value === 0n) {
    row.exact[key] = ZERO_STRING;
    row.cells[key] = null;
    return;
  }
  const f = format(value, unit, scale);
  row.exact[key] = f.exact;
  row.cells[key] = f.printed;
  heldFor(row, scale).cells[key] = f;
}

/** `setAmount` for several cells of one row. */
export function setAmounts(
  row: TableRow,
  keys: readonly string[],
  values: readonly (bigint | undefined)[],
  display: Display | AmountUnit,
  scale: Scale,
): void {
  const unit = displayOf(display);
  let h: HeldRow | undefined;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    const value = values[i];
    if (value === undefined || value === 0n) {
      row.exact[key] = ZERO_STRING;
      row.cells[key] = null;
      continue;
    }
    const f = format(value, unit, scale);
    row.exact[key] = f.exact;
    row.cells[key] = f.printed;
    h ??= heldFor(row, scale);
    h.cells[key] = f;
  }
}

/** The exact and printed strings of an amount, without a row. */
export function amountStrings(value: bigint, display: Display | AmountUnit, scale: Scale): { value: string | null; exact: string } {
  if (value === 0n) return { value: null, exact: ZERO_STRING };
  const d = displayOf(display);
  return { value: shownString(printedUnits(value, d, scale), d), exact: exactString(value, scale) };
}

/**
 * The printed figure of a cell in hundredths of the table's unit (zero for an empty cell).
 * `h` is the row's `heldOf` when the caller already has it.
 */
export function printedOf(row: TableRow, key: string, h: HeldRow | undefined = held.get(row)): bigint {
  const s = row.cells[key];
  if (s === null || s === undefined) return 0n;
  if (h !== undefined) {
    const f = h.cells[key];
    if (f !== undefined && f.printed === s) return f.shown;
  }
  return hundredthsOf(s);
}

const PRINTED = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * A printed figure ("5,114.04", or whole "51,140,401") in hundredths; zero when it is not a plain figure with at most
 * two decimals (printed cells never have more; the checks report malformed ones).
 */
function hundredthsOf(s: string): bigint {
  const m = PRINTED.exec(s.replace(/,/g, ""));
  if (!m) return 0n;
  const q = BigInt((m[2] as string) + (m[3] ?? "").padEnd(2, "0"));
  return m[1] === "-" ? -q : q;
}
