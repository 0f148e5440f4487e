import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import {
  codeUseCounts,
  insertCode,
  listCodes,
  listCrosswalk,
  listFundingSources,
  listMappings,
  updateCode,
  upsertCrosswalk,
  upsertFundingSource,
  upsertMapping,
  type CodeRow,
} from "../queries/catalogues";
import { fiscalYearExists } from "../queries/fiscal-years";
import {
  CATALOGUE_COLUMNS,
  CATALOGUE_TITLES,
  STATE_LABELS,
  codeProblem,
  derivedParent,
  isSourceCode,
  parseState,
  parseUnitType,
  parseYesNo,
  type CatalogueName,
  type CodeCatalogue,
} from "@/lib/admin/catalogues";
import { UNIT_TYPE_NAMES } from "@/lib/admin/organisations";
import { readCsv, sortErrors, writeCsv, type CsvError } from "@/lib/admin/csv";
import type { SourceCode, UnitType } from "@/lib/budget/types";
import { AppError, assertPermission } from "./errors";
import { writeAudit } from "./audit";
import { CsvImportError } from "./organisations";

/*
 * The year's catalogues. A code is never deleted: it is retired, which refuses it for new lines
 * and leaves every line, mapping and published budget that uses it as it was.
 */

async function requireYear(db: DbOrTx, year: number) {
  if (!(await fiscalYearExists(db, year))) throw new AppError("NOT_FOUND", `${year} 年度未开设`);
}

export async function getCatalogue(db: DbOrTx, actor: SessionUser, input: { year: number; catalogue: CatalogueName }) {
  assertPermission(actor, "admin.manage");
  await requireYear(db, input.year);
  const { year, catalogue } = input;
  if (catalogue === "economic-mapping") return { kind: "mapping" as const, rows: await listMappings(db, year) };
  if (catalogue === "funding-sources") return { kind: "sources" as const, rows: await listFundingSources(db, year) };
  const codes = await listCodes(db, catalogue, year);
  const uses = await codeUseCounts(db, catalogue, year);
  return { kind: "codes" as const, rows: codes.map((c) => ({ ...c, uses: uses.get(c.code) ?? 0 })) };
}

/** Adds one code (its parent must exist and be in use). */
export async function addCode(db: DbOrTx, actor: SessionUser, input: { year: number; catalogue: CodeCatalogue; code: string; name: string; parentCode?: string | null }) {
  assertPermission(actor, "admin.manage");
  const code = input.code.trim();
  const name = input.name.trim();
  const problem = codeProblem(input.catalogue, code);
  if (problem) throw new AppError("BAD_REQUEST", problem);
  if (name === "") throw new AppError("BAD_REQUEST", "请填写科目名称");
  return db.transaction(async (tx) => {
    await requireYear(tx, input.year);
    const existing = new Map((await listCodes(tx, input.catalogue, input.year)).map((c) => [c.code, c]));
    if (existing.has(code)) throw new AppError("CONFLICT", `${input.year} 年度已有编码 ${code}`);
    const derived = derivedParent(input.catalogue, code);
    const parentCode = derived === undefined ? input.parentCode?.trim() || null : derived;
    if (parentCode !== null) {
      const parent = existing.get(parentCode);
      if (!parent) throw new AppError("BAD_REQUEST", `上级编码 ${parentCode} 不在 ${input.year} 年度${CATALOGUE_TITLES[input.catalogue]}中，请先添加上级`);
      if (parent.retired) throw new AppError("BAD_REQUEST", `上级编码 ${parentCode} 已停用`);
    }
    const row: CodeRow = { code, name, parentCode, retired: false };
    await insertCode(tx, input.catalogue, input.year, row);
    await writeAudit(tx, { userId: actor.id, action: "catalogue.add", entity: "catalogue", entityId: `${input.catalogue}:${input.year}:${code}`, after: row });
    return row;
  });
}

/** Renames or retires/restores one code. Retiring a code with codes in use below it is refused. */
export async function changeCode(
  db: DbOrTx,
  actor: SessionUser,
  input: { year: number; catalogue: CodeCatalogue; code: string; name?: string; retired?: boolean },
) {
  assertPermission(actor, "admin.manage");
  return db.transaction(async (tx) => {
    await requireYear(tx, input.year);
    const all = await listCodes(tx, input.catalogue, input.year);
    const row = all.find((c) => c.code === input.code);
    if (!row) throw new AppError("NOT_FOUND", `${input.year} 年度没有编码 ${input.code}`);
    const name = input.name?.trim();
    if (name === "") throw new AppError("BAD_REQUEST", "请填写科目名称");
    if (input.retired === true) {
      const activeChildren = all.filter((c) => c.parentCode === row.code && !c.retired);
      if (activeChildren.length > 0) throw new AppError("BAD_REQUEST", `编码 ${row.code} 下还有 ${activeChildren.length} 个在用的下级科目，请先停用下级`);
    }
    if (input.retired === false && row.parentCode) {
      const parent = all.find((c) => c.code === row.parentCode);
      if (parent?.retired) throw new AppError("BAD_REQUEST", `上级编码 ${parent.code} 已停用，请先启用上级`);
    }
    const after = { ...(name !== undefined ? { name } : {}), ...(input.retired !== undefined ? { retired: input.retired } : {}) };
    await updateCode(tx, input.catalogue, input.year, row.code, after);
    const action = input.retired === true ? "catalogue.retire" : input.retired === false && row.retired ? "catalogue.restore" : "catalogue.rename";
    await writeAudit(tx, {
      userId: actor.id,
      action,
      entity: "catalogue",
      entityId: `${input.catalogue}:${input.year}:${row.code}`,
      before: { name: row.name, retired: row.retired },
      after,
    });
    return { ...row, ...after };
  });
}

// ---------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------

const UNIT_TYPES = Object.keys(UNIT_TYPE_NAMES) as UnitType[];

export async function exportCatalogueCsv(db: DbOrTx, actor: SessionUser, year: number, catalogue: CatalogueName): Promise<string> {
  assertPermission(actor, "admin.manage");
  await requireYear(db, year);
  const columns = CATALOGUE_COLUMNS[catalogue];
  if (catalogue === "economic-mapping") {
    const rows = await listMappings(db, year);
    return writeCsv(columns, rows.map((r) => [UNIT_TYPE_NAMES[r.unitType], r.deptCode, r.govCode]));
  }
  if (catalogue === "funding-sources") {
    const rows = await listFundingSources(db, year);
    return writeCsv(columns, rows.map((r) => [r.code, r.name, r.fiscal ? "是" : "否", String(r.sort), r.retired ? STATE_LABELS.retired : STATE_LABELS.active]));
  }
  const rows = await listCodes(db, catalogue, year);
  return writeCsv(columns, rows.map((r) => [r.code, r.name, r.parentCode ?? "", r.retired ? STATE_LABELS.retired : STATE_LABELS.active]));
}

export type ImportCounts = { created: number; updated: number; unchanged: number; retired: number };

/** Applies the whole file to the year's catalogue, or nothing (CsvImportError with every refusal). */
export async function importCatalogueCsv(db: DbOrTx, actor: SessionUser, year: number, catalogue: CatalogueName, text: string): Promise<ImportCounts> {
  assertPermission(actor, "admin.manage");
  const parsed = readCsv(text, CATALOGUE_COLUMNS[catalogue]);
  if (parsed.errors.length > 0) throw new CsvImportError(sortErrors(parsed.errors));
  return db.transaction(async (tx) => {
    await requireYear(tx, year);
    let counts: ImportCounts;
    if (catalogue === "economic-mapping") counts = await importMappings(tx, year, parsed.records);
    else if (catalogue === "funding-sources") counts = await importSources(tx, year, parsed.records);
    else counts = await importCodes(tx, year, catalogue, parsed.records);
    await writeAudit(tx, { userId: actor.id, action: "catalogue.import", entity: "catalogue", entityId: `${catalogue}:${year}`, after: { rows: parsed.records.length, ...counts } });
    return counts;
  });
}

type Records = { row: number; values: Record<string, string> }[];

async function importCodes(tx: DbOrTx, year: number, catalogue: CodeCatalogue, records: Records): Promise<ImportCounts> {
  const existing = new Map((await listCodes(tx, catalogue, year)).map((c) => [c.code, c]));
  const errors: CsvError[] = [];
  const planned = new Map<string, CodeRow & { row: number }>();
  for (const { row, values } of records) {
    const code = values["编码"] ?? "";
    const name = values["名称"] ?? "";
    const problem = code === "" ? "编码不能为空" : codeProblem(catalogue, code);
    const retired = parseState(values["状态"] ?? "");
    if (problem) errors.push({ row, column: "编码", message: problem });
    else if (planned.has(code)) errors.push({ row, column: "编码", message: `编码 ${code} 重复（与第 ${planned.get(code)?.row} 行相同）` });
    if (name === "") errors.push({ row, column: "名称", message: "名称不能为空" });
    if (retired === null) errors.push({ row, column: "状态", message: `状态“${values["状态"]}”无效，须为 在用 或 停用` });
    if (problem || planned.has(code) || name === "" || retired === null) continue;
    const derived = derivedParent(catalogue, code);
    const given = (values["上级编码"] ?? "") || null;
    if (derived !== undefined && given !== null && given !== derived) {
      errors.push({ row, column: "上级编码", message: `编码 ${code} 的上级编码应为 ${derived ?? "空"}` });
      continue;
    }
    planned.set(code, { row, code, name, parentCode: derived === undefined ? given : derived, retired });
  }
  // The catalogue as it would be after the import: parents exist, and are in use under codes in use.
  const finalState = new Map<string, CodeRow>(existing);
  for (const [code, p] of planned) finalState.set(code, p);
  for (const p of planned.values()) {
    if (p.parentCode !== null) {
      const parent = finalState.get(p.parentCode);
      if (!parent) errors.push({ row: p.row, column: "上级编码", message: `上级编码 ${p.parentCode} 不存在` });
      else if (parent.retired && !p.retired) errors.push({ row: p.row, column: "上级编码", message: `上级编码 ${p.parentCode} 已停用，在用的科目不能挂在其下` });
    }
    if (p.retired) {
      const child = [...finalState.values()].find((c) => c.parentCode === p.code && !c.retired);
      if (child) errors.push({ row: p.row, column: "状态", message: `编码 ${p.code} 下级科目 ${child.code} 仍在用，不能停用` });
    }
  }
  if (errors.length > 0) throw new CsvImportError(sortErrors(errors));
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, retired: 0 };
  // Parents first: by code length.
  for (const p of [...planned.values()].sort((a, b) => a.code.length - b.code.length || a.code.localeCompare(b.code))) {
    const e = existing.get(p.code);
    if (!e) {
      await insertCode(tx, catalogue, year, p);
      counts.created++;
      if (p.retired) counts.retired++;
    } else if (e.name === p.name && e.retired === p.retired) counts.unchanged++;
    else {
      await updateCode(tx, catalogue, year, p.code, { name: p.name, retired: p.retired });
      counts.updated++;
      if (p.retired && !e.retired) counts.retired++;
    }
  }
  return counts;
}

async function importMappings(tx: DbOrTx, year: number, records: Records): Promise<ImportCounts> {
  const dept = new Map((await listCodes(tx, "dept-economic", year)).map((c) => [c.code, c]));
  const gov = new Map((await listCodes(tx, "gov-economic", year)).map((c) => [c.code, c]));
  const existing = new Map((await listMappings(tx, year)).map((m) => [`${m.unitType}:${m.deptCode}`, m.govCode]));
  const errors: CsvError[] = [];
  const planned = new Map<string, { row: number; unitType: UnitType; deptCode: string; govCode: string }>();
  for (const { row, values } of records) {
    const unitType = parseUnitType(values["单位类型"] ?? "");
    const deptCode = values["部门经济分类编码"] ?? "";
    const govCode = values["政府经济分类编码"] ?? "";
    if (!unitType) errors.push({ row, column: "单位类型", message: `单位类型“${values["单位类型"]}”无效，须为：${UNIT_TYPES.map((t) => UNIT_TYPE_NAMES[t]).join("、")}` });
    const d = dept.get(deptCode);
    if (!/^\d{5}$/.test(deptCode)) errors.push({ row, column: "部门经济分类编码", message: "须为 5 位（款级）部门经济分类编码" });
    else if (!d) errors.push({ row, column: "部门经济分类编码", message: `部门经济分类编码 ${deptCode} 不存在` });
    else if (d.retired) errors.push({ row, column: "部门经济分类编码", message: `部门经济分类编码 ${deptCode} 已停用` });
    const g = gov.get(govCode);
    if (!/^\d{5}$/.test(govCode)) errors.push({ row, column: "政府经济分类编码", message: "须为 5 位（款级）政府经济分类编码" });
    else if (!g) errors.push({ row, column: "政府经济分类编码", message: `政府经济分类编码 ${govCode} 不存在` });
    else if (g.retired) errors.push({ row, column: "政府经济分类编码", message: `政府经济分类编码 ${govCode} 已停用` });
    if (!unitType) continue;
    const key = `${unitType}:${deptCode}`;
    if (planned.has(key)) errors.push({ row, column: "部门经济分类编码", message: `${UNIT_TYPE_NAMES[unitType]} ${deptCode} 重复（与第 ${planned.get(key)?.row} 行相同）` });
    else planned.set(key, { row, unitType, deptCode, govCode });
  }
  if (errors.length > 0) throw new CsvImportError(sortErrors(errors));
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, retired: 0 };
  for (const [key, p] of planned) {
    const before = existing.get(key);
    if (before === p.govCode) {
      counts.unchanged++;
      continue;
    }
    await upsertMapping(tx, year, p.unitType, p.deptCode, p.govCode);
    if (before === undefined) counts.created++;
    else counts.updated++;
  }
  return counts;
}

async function importSources(tx: DbOrTx, year: number, records: Records): Promise<ImportCounts> {
  const existing = new Map((await listFundingSources(tx, year)).map((f) => [f.code, f]));
  const errors: CsvError[] = [];
  const planned = new Map<string, { row: number; code: SourceCode; name: string; fiscal: boolean; sort: number; retired: boolean }>();
  for (const { row, values } of records) {
    const code = values["编码"] ?? "";
    const name = values["名称"] ?? "";
    const fiscal = parseYesNo(values["财政拨款"] ?? "");
    const sortText = values["排序"] ?? "";
    const retired = parseState(values["状态"] ?? "");
    let ok = true;
    const fail = (column: string, message: string) => {
      errors.push({ row, column, message });
      ok = false;
    };
    if (!isSourceCode(code)) fail("编码", `资金来源编码“${code}”无效`);
    else if (planned.has(code)) fail("编码", `编码 ${code} 重复（与第 ${planned.get(code)?.row} 行相同）`);
    if (name === "") fail("名称", "名称不能为空");
    if (fiscal === null) fail("财政拨款", `财政拨款须为 是 或 否，不能为“${values["财政拨款"]}”`);
    if (!/^\d{1,4}$/.test(sortText)) fail("排序", "排序须为整数");
    if (retired === null) fail("状态", `状态“${values["状态"]}”无效，须为 在用 或 停用`);
    if (!ok || !isSourceCode(code) || fiscal === null || retired === null) continue;
    planned.set(code, { row, code, name, fiscal, sort: Number(sortText), retired });
  }
  if (errors.length > 0) throw new CsvImportError(sortErrors(errors));
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0, retired: 0 };
  for (const p of planned.values()) {
    const e = existing.get(p.code);
    if (e && e.name === p.name && e.fiscal === p.fiscal && e.sort === p.sort && e.retired === p.retired) {
      counts.unchanged++;
      continue;
    }
    await upsertFundingSource(tx, year, { code: p.code, name: p.name, fiscal: p.fiscal, sort: p.sort, retired: p.retired });
    if (!e) counts.created++;
    else counts.updated++;
    if (p.retired && !e?.retired) counts.retired++;
  }
  return counts;
}

// ---------------------------------------------------------------------------
// Crosswalk
// ---------------------------------------------------------------------------

export async function getCrosswalk(db: DbOrTx, actor: SessionUser) {
  assertPermission(actor, "admin.manage");
  return listCrosswalk(db);
}

const CROSSWALK_CATALOGUES = { function: "function", "dept-economic": "dept_economic", "gov-economic": "gov_economic" } as const;

/** Records that `fromCode` of `fromYear` is `toCode` in `toYear` (renamed, re-coded or merged). */
export async function addCrosswalk(
  db: DbOrTx,
  actor: SessionUser,
  input: { catalogue: "function" | "dept-economic" | "gov-economic"; fromYear: number; fromCode: string; toYear: number; toCode: string },
) {
  assertPermission(actor, "admin.manage");
  if (input.fromYear === input.toYear) throw new AppError("BAD_REQUEST", "对照须在两个不同年度之间");
  return db.transaction(async (tx) => {
    for (const [year, code] of [
      [input.fromYear, input.fromCode],
      [input.toYear, input.toCode],
    ] as const) {
      await requireYear(tx, year);
      if (!(await listCodes(tx, input.catalogue, year)).some((c) => c.code === code)) {
        throw new AppError("BAD_REQUEST", `${year} 年度${CATALOGUE_TITLES[input.catalogue]}中没有编码 ${code}`);
      }
    }
    const row = { catalog: CROSSWALK_CATALOGUES[input.catalogue], fromYear: input.fromYear, fromCode: input.fromCode, toYear: input.toYear, toCode: input.toCode };
    await upsertCrosswalk(tx, row);
    await writeAudit(tx, { userId: actor.id, action: "crosswalk.set", entity: "catalogue", entityId: `${row.catalog}:${row.fromYear}:${row.fromCode}`, after: row });
    return row;
  });
}
