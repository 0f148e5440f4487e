/**
 * Writing amounts into rows and reading them back. Each row keeps its exact 元 strings (the
 * public data) and, privately, the Decimals they came from so the checks need not re-parse them.
 * The private copy is keyed by the string it belongs to: if a consumer edits `exact`, the edit
 * wins and the checks see it.
 */
import { Decimal, ZERO, inspectMoney, toYuanString, YUAN_PER_WAN } from "../money";
import type { TableRow } from "./model";
import type { AmountUnit } from "./types";

interface Held {
  exact: string;
  value: Decimal;
  printed: string;
  printedValue: Decimal;
}

const held = new WeakMap<TableRow, Map<string, Held>>();
const ZERO_STRING = "0.00";

interface Formatted {
  exact: string;
  wan?: { printed: string; value: Decimal };
  yuan?: { printed: string; value: Decimal };
}

/** Decimals are immutable, so a value's strings can be remembered by identity. */
const formatted = new WeakMap<Decimal, Formatted>();

function format(value: Decimal, unit: AmountUnit): { exact: string; printed: string; printedValue: Decimal } {
  let f = formatted.get(value);
  if (!f) {
    f = { exact: toYuanString(value) };
    formatted.set(value, f);
  }
  let p = f[unit];
  if (!p) {
    const shown = printedValue(value, unit);
    const printed = shown.toFixed(2);
    p = { printed: printed === "-0.00" ? "0.00" : printed, value: shown };
    f[unit] = p;
  }
  return { exact: f.exact, printed: p.printed, printedValue: p.value };
}

/** Sets an amount cell: exact 元 always, printed figure only when non-zero. */
export function setAmount(row: TableRow, key: string, value: Decimal | undefined, unit: AmountUnit): void {
  if (value === undefined || value.isZero()) {
    row.exact[key] = ZERO_STRING;
    row.cells[key] = null;
    return;
  }
  const { exact, printed, printedValue: shown } = format(value, unit);
  row.exact[key] = exact;
  row.cells[key] = printed;
  let m = held.get(row);
  if (!m) {
    m = new Map();
    held.set(row, m);
  }
  m.set(key, { exact, value, printed, printedValue: shown });
}

/**
 * The exact 元 value of a cell; zero when absent. A string that does not parse (a tampered
 * snapshot) also reads as null so that the caller can report it.
 */
export function exactOf(row: TableRow, key: string): Decimal | null {
  const s = row.exact[key];
  if (s === undefined || s === ZERO_STRING) return ZERO;
  const h = held.get(row)?.get(key);
  if (h && h.exact === s) return h.value;
  const seen = inspectMoney(s);
  return seen.ok ? seen.value : null;
}

export function exactOrZero(row: TableRow, key: string): Decimal {
  return exactOf(row, key) ?? ZERO;
}

/** The printed figure of a cell as a Decimal in the table's unit (zero for an empty cell). */
export function printedOf(row: TableRow, key: string): Decimal {
  const s = row.cells[key];
  if (s === null || s === undefined) return ZERO;
  const h = held.get(row)?.get(key);
  if (h && h.printed === s) return h.printedValue;
  const seen = inspectMoney(s.replace(/,/g, ""));
  return seen.ok ? seen.value : ZERO;
}

/** The printed figure of an exact amount, as a Decimal in the display unit. */
export function printedValue(exact: Decimal, unit: AmountUnit): Decimal {
  return (unit === "wan" ? exact.times(WAN_PER_YUAN) : exact).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** 0.0001: multiplying by it is exact and cheaper than dividing by 10,000. */
const WAN_PER_YUAN = new Decimal(1).div(YUAN_PER_WAN);
