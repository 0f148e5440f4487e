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

/**
 * A headline figure for a year's actual total: "2023 年收支总预算 5,433.17 万元", or "—" with a
 * note when the publication states no prior-year figure.
 */
export function totalFigure(
  year: number,
  total: string | null,
  note?: string,
  unit: DisplayUnit = "wan",
): { label: string; value: string; unit?: string; note?: string } {
  const label = `${year} 年收支总预算`;
  if (total === null) return { label, value: "—", note: note ?? "公开时无上年数" };
  return { label, value: formatAmount(total, unit), unit: unitLabel(unit), ...(note ? { note } : {}) };
}

/**
 * The note beside a publication whose prior year the platform gained (or corrected) after it
 * was published: the publication keeps its figures (docs/year-over-year.md).
 */
export function priorLaterNote(
  priorYear: number,
  later: { revision: number; total: string; publishedAt: string },
  stated: string | null,
  unit: DisplayUnit = "wan",
): string {
  const what = later.revision > 1 ? `${priorYear} 年预算的第 ${later.revision} 版（更正）` : `${priorYear} 年预算`;
  const statedText = stated === null ? "未列上年数" : `所列上年数 ${formatAmount(stated, unit)} ${unitLabel(unit)}`;
  return (
    `本预算公开后，本平台于 ${dateText(later.publishedAt)} 公开了${what}，收支总预算 ${formatAmount(later.total, unit)} ${unitLabel(unit)}。` +
    `已公开的本预算是发布时的文件，${statedText}及其比较保持不变；下次更正时将采用本平台公开的上年数。`
  );
}
