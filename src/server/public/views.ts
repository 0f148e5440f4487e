/**
 * What each public page needs, assembled from a PublicData source. Returns null for anything
 * that is not published, which the pages turn into 404.
 */
import type { Disclosure } from "@/lib/budget/model";
import { Decimal, ZERO, percentOf, toYuanString } from "@/lib/money";
import type { PublicData, PublishedRow, RevisionRow, SearchPage, SeriesPoint } from "./data";

export interface Comparison {
  /** Exact 元. */
  total: string;
  /** Σ of the prior-year figures of the units that have one; null when none has. */
  prior: string | null;
  /** Σ of this year's totals of those same units (the comparable base). */
  comparableTotal: string;
  change: string | null;
  direction: "增加" | "减少" | "持平" | null;
  percent: string | null;
  units: number;
  unitsWithoutPrior: number;
}

/** Sum a set of units' totals and compare with their prior-year figures, like for like. */
export function compare(rows: Pick<PublishedRow, "total" | "priorTotal">[]): Comparison {
  let total = ZERO;
  let prior = ZERO;
  let comparable = ZERO;
  let withPrior = 0;
  for (const r of rows) {
    const t = new Decimal(r.total);
    total = total.plus(t);
    if (r.priorTotal !== null) {
      prior = prior.plus(new Decimal(r.priorTotal));
      comparable = comparable.plus(t);
      withPrior++;
    }
  }
  const change = withPrior > 0 ? comparable.minus(prior) : null;
  return {
    total: toYuanString(total),
    prior: withPrior > 0 ? toYuanString(prior) : null,
    comparableTotal: toYuanString(comparable),
    change: change ? toYuanString(change) : null,
    direction: change ? (change.isZero() ? "持平" : change.isNegative() ? "减少" : "增加") : null,
    percent: change ? percentOf(change.abs(), prior) : null,
    units: rows.length,
    unitsWithoutPrior: rows.length - withPrior,
  };
}

export interface YearSummary extends Comparison {
  year: number;
  departments: number;
}

export interface DepartmentSummary extends Comparison {
  code: string;
  name: string;
  year: number;
  rows: PublishedRow[];
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const t of items) {
    const k = key(t);
    const list = m.get(k);
    if (list) list.push(t);
    else m.set(k, [t]);
  }
  return m;
}

export function yearSummaries(rows: PublishedRow[]): YearSummary[] {
  return [...groupBy(rows, (r) => r.year).entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, list]) => ({ year, departments: new Set(list.map((r) => r.departmentCode)).size, ...compare(list) }));
}

export function departmentSummaries(rows: PublishedRow[]): DepartmentSummary[] {
  return [...groupBy(rows, (r) => `${r.year}|${r.departmentCode}`).values()].map((list) => {
    const first = list[0] as PublishedRow;
    return { code: first.departmentCode, name: first.departmentName, year: first.year, rows: list, ...compare(list) };
  });
}

// ---------------------------------------------------------------------------

export interface HomeView {
  years: YearSummary[];
  latestYear: number | null;
  /** Departments with published budgets in the latest year. */
  departments: DepartmentSummary[];
  /** Every unit with a published budget, at its latest year on file. */
  units: PublishedRow[];
}

export async function homeView(data: PublicData): Promise<HomeView> {
  const rows = await data.published();
  const years = yearSummaries(rows);
  const latestYear = years[0]?.year ?? null;
  const latestByUnit = new Map<string, PublishedRow>();
  for (const r of rows) if (!latestByUnit.has(r.unitCode) || (latestByUnit.get(r.unitCode) as PublishedRow).year < r.year) latestByUnit.set(r.unitCode, r);
  const units = [...latestByUnit.values()].sort(
    (a, b) => a.departmentCode.localeCompare(b.departmentCode) || a.unitCode.localeCompare(b.unitCode),
  );
  return {
    years,
    latestYear,
    departments: latestYear === null ? [] : departmentSummaries(rows.filter((r) => r.year === latestYear)),
    units,
  };
}

export interface YearView {
  year: number;
  summary: YearSummary;
  years: YearSummary[];
  departments: DepartmentSummary[];
}

export async function yearView(data: PublicData, year: number): Promise<YearView | null> {
  const rows = await data.published();
  const years = yearSummaries(rows);
  const summary = years.find((y) => y.year === year);
  if (!summary) return null;
  return { year, summary, years, departments: departmentSummaries(rows.filter((r) => r.year === year)) };
}

/**
 * The public search: units, projects (name and content) and 功能/经济分类 codes and names, several
 * words at once, grouped by unit and year with the amounts, paged (src/server/queries/public-search.ts).
 */
export async function searchView(data: PublicData, query: string, page = 1): Promise<SearchPage> {
  return data.search(query.trim().slice(0, 100), page);
}

// ---------------------------------------------------------------------------

export interface UnitRef {
  row: PublishedRow;
  /** Every published revision for the year, newest first. */
  revisions: RevisionRow[];
  /** The revision shown. */
  shown: RevisionRow;
  isLatest: boolean;
  /** The unit's years on file (latest revision each), oldest first. */
  years: PublishedRow[];
}

/** Which snapshot `/budgets/{year}/{unitCode}?revision=N` shows, without computing anything. */
export async function unitRef(data: PublicData, year: number, unitCode: string, revision?: number): Promise<UnitRef | null> {
  // The whole index first (one cache entry): only a published (unit, year) reaches a lookup of its
  // own, so request parameters never mint cache entries for things that do not exist.
  const years = (await data.published()).filter((r) => r.unitCode === unitCode).sort((a, b) => a.year - b.year);
  const row = years.find((r) => r.year === year);
  if (!row) return null;
  const revisions = await data.revisions(year, unitCode);
  const latest = revisions[0];
  if (!latest) return null;
  const shown = revision === undefined ? latest : revisions.find((r) => r.revision === revision);
  if (!shown) return null;
  return { row, revisions, shown, isLatest: shown.revision === latest.revision, years };
}

export interface UnitView extends UnitRef {
  disclosure: Disclosure;
  series: SeriesPoint[];
}

export async function unitView(data: PublicData, year: number, unitCode: string, revision?: number): Promise<UnitView | null> {
  const ref = await unitRef(data, year, unitCode, revision);
  if (!ref) return null;
  const [disclosure, series] = await Promise.all([
    data.unitDisclosure({ snapshotId: ref.shown.snapshotId, year, unitCode }),
    data.series({ unitCode }),
  ]);
  if (!disclosure) return null;
  return { ...ref, disclosure, series };
}

export interface DepartmentRefView {
  department: { code: string; name: string };
  year: number;
  summary: DepartmentSummary;
  /** The department's years on file, oldest first. */
  years: YearSummary[];
}

export async function departmentRef(data: PublicData, year: number, departmentCode: string): Promise<DepartmentRefView | null> {
  const rows = (await data.published()).filter((r) => r.departmentCode === departmentCode);
  const thisYear = rows.filter((r) => r.year === year);
  const first = thisYear[0];
  if (!first) return null;
  const summary = departmentSummaries(thisYear)[0] as DepartmentSummary;
  return {
    department: { code: first.departmentCode, name: first.departmentName },
    year,
    summary,
    years: yearSummaries(rows).reverse(),
  };
}

export interface DepartmentView extends DepartmentRefView {
  disclosure: Disclosure;
  series: SeriesPoint[];
}

export async function departmentView(data: PublicData, year: number, departmentCode: string): Promise<DepartmentView | null> {
  const ref = await departmentRef(data, year, departmentCode);
  if (!ref) return null;
  const [disclosure, series] = await Promise.all([
    data.departmentDisclosure({
      year,
      departmentCode: ref.department.code,
      departmentName: ref.department.name,
      members: ref.summary.rows.map((r) => ({ snapshotId: r.snapshotId, year: r.year, unitCode: r.unitCode })),
    }),
    data.series({ departmentCode }),
  ]);
  if (!disclosure) return null;
  return { ...ref, disclosure, series };
}

/**
 * A disclosure without the tables' rows: what a page needs around the cached document markup
 * (headline figures, contents, year over year), a few kilobytes instead of a few hundred.
 */
export function outline(d: Disclosure): Disclosure {
  return {
    ...d,
    tables: d.tables.map((t) => ({ ...t, rows: [], sides: undefined, overall: undefined, projects: undefined })),
    checks: [],
  };
}

/** Route parameters: a four-digit year and a numeric organisation code, or nothing. */
export function parseYear(raw: string): number | null {
  return /^\d{4}$/.test(raw) ? Number(raw) : null;
}

export function parseCode(raw: string): string | null {
  return /^\d{3,12}$/.test(raw) ? raw : null;
}

export function parseRevision(raw: string | string[] | undefined): number | undefined | null {
  if (raw === undefined) return undefined;
  if (typeof raw !== "string" || !/^[1-9]\d{0,3}$/.test(raw)) return null;
  return Number(raw);
}
