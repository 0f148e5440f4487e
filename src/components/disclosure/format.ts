/**
 * Display helpers for the public pages. Amounts arrive as exact 元 strings and leave as 万元 text
 * with thousands separators; nothing here does arithmetic on a float.
 */
import { Decimal, formatAmount, unitLabel, type DisplayUnit } from "@/lib/money";

export function wan(yuan: string, unit: DisplayUnit = "wan"): string {
  return formatAmount(yuan, unit);
}

/** "减少 319.13 万元（下降 5.87%）", "持平", or "—" without a prior figure. */
export function changeText(
  change: string | null,
  direction: "增加" | "减少" | "持平" | null,
  percent: string | null,
  unit: DisplayUnit = "wan",
): string {
  if (change === null || direction === null) return "—";
  if (direction === "持平") return "持平";
  const amount = formatAmount(new Decimal(change).abs(), unit);
  const label = unit === "wan" ? "万元" : "元";
  const pct = percent !== null ? `（${direction === "增加" ? "增长" : "下降"} ${percent}%）` : "";
  return `${direction} ${amount} ${label}${pct}`;
}

/** Signed change in the display unit, "−319.13" / "+12.00" / "0.00". */
export function signedAmount(change: string | null, unit: DisplayUnit = "wan"): string {
  if (change === null) return "—";
  const d = new Decimal(change);
  const s = formatAmount(d.abs(), unit);
  if (d.isZero()) return s;
  return d.isNegative() ? `−${s}` : `+${s}`;
}

const DATE = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", year: "numeric", month: "long", day: "numeric" });

/** ISO timestamp → "2024年2月2日" (Beijing time). */
export function dateText(iso: string): string {
  if (!iso) return "";
  return DATE.format(new Date(iso));
}

export const UNIT_TYPE_LABELS: Record<string, string> = {
  admin: "行政单位",
  civil_servant_managed: "参照公务员法管理事业单位",
  institution: "事业单位",
};

/** A headline figure for the change against the prior year: "减少 319.13 万元", note "下降 5.87%". */
export function changeFigure(
  priorYear: number,
  change: string | null,
  direction: "增加" | "减少" | "持平" | null,
  percent: string | null,
  note?: string,
  labelSuffix = "",
  unit: DisplayUnit = "wan",
): { label: string; value: string; unit?: string; note?: string } {
  const label = `比 ${priorYear} 年${labelSuffix}`;
  if (change === null || direction === null) return { label, value: "—", note: note ?? "无上年可比数" };
  if (direction === "持平") return { label, value: "持平", note };
  const pct = percent !== null ? `${direction === "增加" ? "增长" : "下降"} ${percent}%` : "";
  return {
    label,
    value: `${direction} ${formatAmount(new Decimal(change).abs(), unit)}`,
    unit: unitLabel(unit),
    note: [pct, note].filter(Boolean).join(" ") || undefined,
  };
}
