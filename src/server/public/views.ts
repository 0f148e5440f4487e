/**
 * What each public page needs, assembled from a PublicData source. Returns null for anything
 * that is not published, which the pages turn into 404.
 */
import type { Disclosure } from "@/lib/budget/model";
import { Decimal, ZERO, percentOf, toYuanString } from "@/lib/money";
import type { DepartmentTotalsRow, PublicationRow, PublicData, PublishedRow, RevisionRow, SearchPage, SeriesPoint } from "./data";

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

/** Sums of a set of units: what a comparison is made of (exact 元 as decimal strings). */
export interface UnitSums {
  units: number;
  total: string;
  /** Σ prior-year figures of the units that have one; null when none has. */
  prior: string | null;
  /** Σ this year's totals of those same units. */
  comparableTotal: string;
  unitsWithPrior: number;
}

/** Compare like for like: the units' totals with their own prior-year figures. */
export function compareSums(s: UnitSums): Comparison {
  const withPrior = s.unitsWithPrior;
  const prior = s.prior === null ? ZERO : new Decimal(s.prior);
  const comparable = new Decimal(s.comparableTotal);
  const change = withPrior > 0 ? comparable.minus(prior) : null;
  return {
    total: toYuanString(new Decimal(s.total)),
    prior: withPrior > 0 ? toYuanString(prior) : null,
    comparableTotal: toYuanString(comparable),
    change: change ? toYuanString(change) : null,
    direction: change ? (change.isZero() ? "持平" : change.isNegative() ? "减少" : "增加") : null,
    percent: change ? percentOf(change.abs(), prior) : null,
    units: s.units,
    unitsWithoutPrior: s.units - withPrior,
  };
}

function addSums(list: UnitSums[]): UnitSums {
  let total = ZERO;
  let prior = ZERO;
  let comparable = ZERO;
  let units = 0;
  let withPrior = 0;
  for (const s of list) {
    total = total.plus(new Decimal(s.total));
    if (s.prior !== null) prior = prior.plus(new Decimal(s.prior));
    comparable = comparable.plus(new Decimal(s.comparableTotal));
    units += s.units;
    withPrior += s.unitsWithPrior;
  }
  return { units, total: total.toString(), prior: withPrior > 0 ? prior.toString() : null, comparableTotal: comparable.toString(), unitsWithPrior: withPrior };
}

/** Sum a set of units' totals and compare with their prior-year figures, like for like. */
export function compare(rows: Pick<PublishedRow, "total" | "priorTotal">[]): Comparison {
  return compareSums(
    addSums(
      rows.map((r) => ({
        units: 1,
        total: r.total,
        prior: r.priorTotal,
        comparableTotal: r.priorTotal !== null ? r.total : "0",
        unitsWithPrior: r.priorTotal !== null ? 1 : 0,
      })),
    ),
  );
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

/** A department's figures for one year, without its units (the home and year pages). */
export interface DepartmentTotals extends Comparison {
  code: string;
  name: string;
  year: number;
}

function departmentTotalsOf(rows: DepartmentTotalsRow[]): DepartmentTotals[] {
  return rows.map((r) => ({ code: r.departmentCode, name: r.departmentName, year: r.year, ...compareSums(r) }));
}

function yearSummariesOf(rows: DepartmentTotalsRow[]): YearSummary[] {
  return [...groupBy(rows, (r) => r.year).entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([year, list]) => ({ year, departments: list.length, ...compareSums(addSums(list)) }));
}

/** How many of the latest publications the home page lists. */
export const LATEST_PUBLICATIONS = 20;

export interface HomeView {
  years: YearSummary[];
  latestYear: number | null;
  /** Departments with published budgets in the latest year, with their totals. */
  departments: DepartmentTotals[];
  /** The latest publications and corrections, newest first (not every unit: see the year pages). */
  latest: PublicationRow[];
}

export async function homeView(data: PublicData): Promise<HomeView> {
  const [totals, latest] = await Promise.all([data.departmentTotals(), data.latestPublications(LATEST_PUBLICATIONS)]);
  const years = yearSummariesOf(totals);
  const latestYear = years[0]?.year ?? null;
  return {
    years,
    latestYear,
    departments: latestYear === null ? [] : departmentTotalsOf(totals.filter((r) => r.year === latestYear)),
    latest,
  };
}

export interface YearView {
  year: number;
  summary: YearSummary;
  years: YearSummary[];
  /** The year's departments with their totals; their units are on the department pages. */
  departments: DepartmentTotals[];
}

export async function yearView(data: PublicData, year: number): Promise<YearView | null> {
  const totals = await data.departmentTotals();
  const years = yearSummariesOf(totals);
  const summary = years.find((y) => y.year === year);
  if (!summary) return null;
  return { year, summary, years, departments: departmentTotalsOf(totals.filter((r) => r.year === year)) };
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
  // The unit's years first: only a published (unit, year) reaches a lookup of its revisions. (A code
  // that does not exist costs one small entry in the byte-bounded data cache.)
  const years = (await data.published({ unitCode })).sort((a, b) => a.year - b.year);
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
  const rows = await data.published({ departmentCode });
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

/** Rows per page of a unit list on the public pages (a department's units). */
export const UNIT_PAGE_SIZE = 50;

export interface Paged<T> {
  items: T[];
  /** 1-based. */
  page: number;
  pages: number;
  total: number;
}

/**
 * One page of a list from the `page` parameter (absent: the first); null for a page that does not
 * exist or is not a plain positive number, which the pages turn into 404.
 */
export function paginate<T>(items: T[], raw: string | string[] | undefined, size = UNIT_PAGE_SIZE): Paged<T> | null {
  let page = 1;
  if (raw !== undefined) {
    if (typeof raw !== "string" || !/^[1-9]\d{0,5}$/.test(raw)) return null;
    page = Number(raw);
  }
  const pages = Math.max(1, Math.ceil(items.length / size));
  if (page > pages) return null;
  return { items: items.slice((page - 1) * size, page * size), page, pages, total: items.length };
}
