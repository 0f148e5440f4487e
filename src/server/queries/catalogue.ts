/**
 * A year's catalogue, read once: function codes (类/款/项), department- and government-economic
 * codes, the dept→gov mapping by unit type and the funding sources. Every read of a year's code
 * sets goes through here, and a whole batch of rows is validated against it at once, each refusal
 * naming its row and field in Chinese.
 */
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import * as s from "../db/schema";
import type { Catalogs, UnitType } from "@/lib/budget/types";
import type { FieldIssue } from "@/lib/workflow/content";

export interface CodeName {
  code: string;
  name: string;
}

export interface YearCatalogue {
  year: number;
  /** Every level, ordered by code. */
  functions: CodeName[];
  deptEconomic: CodeName[];
  govEconomic: CodeName[];
  mappings: { unitType: UnitType; deptCode: string; govCode: string }[];
  sources: (CodeName & { fiscal: boolean })[];
  /** Lookups by code. */
  functionNames: Map<string, string>;
  deptEconomicNames: Map<string, string>;
  sourceNames: Map<string, string>;
  /** Retired codes ("function:2080505", "economic:30101", "source:gf"): kept for old lines, refused for new ones. */
  retired: Set<string>;
}

/** The year's code sets in five queries, one after the other (`db` may be a transaction). */
export async function loadYearCatalogue(db: DbOrTx, year: number): Promise<YearCatalogue> {
  const functions = await db
    .select({ code: s.functionCodes.code, name: s.functionCodes.name, retired: s.functionCodes.retired })
    .from(s.functionCodes)
    .where(eq(s.functionCodes.year, year))
    .orderBy(asc(s.functionCodes.code));
  const deptEconomic = await db
    .select({ code: s.deptEconomicCodes.code, name: s.deptEconomicCodes.name, retired: s.deptEconomicCodes.retired })
    .from(s.deptEconomicCodes)
    .where(eq(s.deptEconomicCodes.year, year))
    .orderBy(asc(s.deptEconomicCodes.code));
  const govEconomic = await db
    .select({ code: s.govEconomicCodes.code, name: s.govEconomicCodes.name })
    .from(s.govEconomicCodes)
    .where(eq(s.govEconomicCodes.year, year))
    .orderBy(asc(s.govEconomicCodes.code));
  const mappings = await db
    .select({ unitType: s.economicMappings.unitType, deptCode: s.economicMappings.deptCode, govCode: s.economicMappings.govCode })
    .from(s.economicMappings)
    .where(eq(s.economicMappings.year, year))
    .orderBy(asc(s.economicMappings.deptCode));
  const sources = await db
    .select({ code: s.fundingSources.code, name: s.fundingSources.name, fiscal: s.fundingSources.fiscal, retired: s.fundingSources.retired })
    .from(s.fundingSources)
    .where(eq(s.fundingSources.year, year))
    .orderBy(asc(s.fundingSources.sort));
  const retired = new Set<string>([
    ...functions.filter((f) => f.retired).map((f) => `function:${f.code}`),
    ...deptEconomic.filter((f) => f.retired).map((f) => `economic:${f.code}`),
    ...sources.filter((f) => f.retired).map((f) => `source:${f.code}`),
  ]);
  return {
    year,
    functions: functions.map((f) => ({ code: f.code, name: f.name })),
    deptEconomic: deptEconomic.map((f) => ({ code: f.code, name: f.name })),
    govEconomic,
    mappings,
    sources: sources.map((f) => ({ code: f.code, name: f.name, fiscal: f.fiscal })),
    retired,
    functionNames: new Map(functions.map((f) => [f.code, f.name])),
    deptEconomicNames: new Map(deptEconomic.map((f) => [f.code, f.name])),
    sourceNames: new Map(sources.map((f) => [f.code, f.name])),
  };
}

/** The engine's catalogues for one unit type. */
export function catalogsFor(cat: YearCatalogue, unitType: UnitType): Catalogs {
  return {
    functions: cat.functions,
    deptEconomic: cat.deptEconomic,
    govEconomic: cat.govEconomic,
    econMapping: cat.mappings.filter((m) => m.unitType === unitType).map((m) => ({ deptCode: m.deptCode, govCode: m.govCode })),
  };
}

/** What a line item's form may choose: 项-level function codes, 款-level economic codes, the sources. */
export function lineItemChoices(cat: YearCatalogue) {
  return {
    functions: cat.functions.filter((f) => f.code.length === 7 && !cat.retired.has(`function:${f.code}`)),
    functionClasses: cat.functions.filter((f) => f.code.length === 3 && !cat.retired.has(`function:${f.code}`)),
    economics: cat.deptEconomic.filter((f) => f.code.length === 5 && !cat.retired.has(`economic:${f.code}`)),
    sources: cat.sources.filter((x) => !cat.retired.has(`source:${x.code}`)).map((x) => ({ code: x.code, name: x.name })),
  };
}

/** The year's line-item choices (kept for callers that only need them). */
export async function lineItemOptions(db: DbOrTx, year: number) {
  return lineItemChoices(await loadYearCatalogue(db, year));
}

// ---------------------------------------------------------------------------
// Batch validation: every row at once, every refusal with its row and field.
// ---------------------------------------------------------------------------

/** One row to check against the catalogue; absent fields are not checked. */
export interface CodedRow {
  functionCode?: string;
  functionClassCode?: string;
  economicCode?: string;
  source?: string;
}

/**
 * The rows' codes against the year's catalogue. `pathOf(i)` names row i as the form does
 * ("lineItems.upsert.3"); `labelOf(i)` in words ("支出明细第 4 行").
 */
export function validateCodes(
  cat: YearCatalogue,
  rows: readonly CodedRow[],
  pathOf: (index: number) => string,
  labelOf: (index: number) => string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const y = cat.year;
  rows.forEach((row, i) => {
    const add = (field: string, message: string) => issues.push({ path: `${pathOf(i)}.${field}`, message: `${labelOf(i)}：${message}` });
    if (row.functionCode !== undefined) {
      if (row.functionCode.length !== 7 || !cat.functionNames.has(row.functionCode))
        add("functionCode", `支出功能分类科目“${row.functionCode}”不是 ${y} 年度科目表中的项级科目`);
      else if (cat.retired.has(`function:${row.functionCode}`)) add("functionCode", `支出功能分类科目 ${row.functionCode} 已停用，不能用于新的明细`);
    }
    if (row.functionClassCode !== undefined) {
      if (row.functionClassCode.length !== 3 || !cat.functionNames.has(row.functionClassCode))
        add("functionClassCode", `支出功能分类“${row.functionClassCode}”不是 ${y} 年度科目表中的类级科目`);
    }
    if (row.economicCode !== undefined) {
      if (row.economicCode.length !== 5 || !cat.deptEconomicNames.has(row.economicCode))
        add("economicCode", `部门预算经济分类科目“${row.economicCode}”不是 ${y} 年度科目表中的款级科目`);
      else if (cat.retired.has(`economic:${row.economicCode}`)) add("economicCode", `部门预算经济分类科目 ${row.economicCode} 已停用，不能用于新的明细`);
    }
    if (row.source !== undefined && !cat.sourceNames.has(row.source)) add("source", `资金来源“${row.source}”不在 ${y} 年度的资金来源中`);
    else if (row.source !== undefined && cat.retired.has(`source:${row.source}`)) add("source", `资金来源 ${row.source} 已停用，不能用于新的明细`);
  });
  return issues;
}
