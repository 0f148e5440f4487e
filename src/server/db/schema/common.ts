import { customType } from "drizzle-orm/pg-core";

/**
 * An exact amount in 元 as PostgreSQL `numeric` without a fixed scale, so that an amount finer
 * than 分 is refused by a CHECK constraint instead of being rounded silently by numeric(p,2).
 * Values travel as decimal strings; nothing converts them to a JavaScript number.
 */
export const money = customType<{ data: string; driverData: string }>({
  dataType() {
    return "numeric";
  },
  fromDriver(value) {
    return normalizeYuan(value);
  },
});

/**
 * An unscaled numeric keeps the scale it was written with ("1.100", "5"). The CHECK below admits
 * only whole 分, so every stored amount has an exact two-decimal form: read it as that.
 */
export function normalizeYuan(value: string): string {
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(value);
  if (!m) return value;
  const fraction = (m[2] ?? "").padEnd(2, "0");
  if (!/^0*$/.test(fraction.slice(2))) return value;
  return `${m[1]}.${fraction.slice(0, 2)}`;
}

/** CHECK expression: non-negative, at most two decimals (分), below 10^15 元. */
export const moneyCheck = (column: string) =>
  `${column} >= 0 AND ${column} = round(${column}, 2) AND ${column} < 1000000000000000`;
