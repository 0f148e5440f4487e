/**
 * 预算法 第十四条: a department budget is made public within 20 days of its 批复. Dates are
 * calendar dates ("YYYY-MM-DD") in China's time zone; publishing on the 20th day is on time.
 */
export const DISCLOSURE_DAYS = 20;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseDate(iso: string): Date {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function formatDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
  const d = parseDate(iso);
  d.setUTCDate(d.getUTCDate() + days);
  return formatDate(d);
}

export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((parseDate(toIso).getTime() - parseDate(fromIso).getTime()) / 86_400_000);
}

export function disclosureDeadline(approvedOn: string): string {
  return addDays(approvedOn, DISCLOSURE_DAYS);
}

/** The calendar date in China (Asia/Shanghai) at this instant. */
export function dateInChina(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

export interface DeadlineStatus {
  deadline: string;
  /** Published after the deadline, or not published and the deadline has passed. */
  late: boolean;
  /** Days until the deadline (negative once passed); null once published. */
  daysLeft: number | null;
}

export function deadlineStatus(approvedOn: string, publishedOn: string | null, today: string): DeadlineStatus {
  const deadline = disclosureDeadline(approvedOn);
  if (publishedOn !== null) return { deadline, late: publishedOn > deadline, daysLeft: null };
  return { deadline, late: today > deadline, daysLeft: daysBetween(today, deadline) };
}
