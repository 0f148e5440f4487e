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
});

/** CHECK expression: non-negative, at most two decimals (分), below 10^15 元. */
export const moneyCheck = (column: string) =>
  `${column} >= 0 AND ${column} = round(${column}, 2) AND ${column} < 1000000000000000`;
