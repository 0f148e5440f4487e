import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import {
  findOrganisation,
  findOrganisationByCode,
  insertOrganisation,
  latestUnitDepartment,
  listAllOrganisations,
  listUnitDepartments,
  nextSort,
  updateOrganisation,
  upsertUnitDepartment,
  type OrganisationRow,
} from "../queries/organisations";
import { fiscalYearExists } from "../queries/fiscal-years";
import {
  ALLOWED_TYPES_TEXT,
  KIND_NAMES,
  ORGANISATION_CODE,
  ORGANISATION_CSV_COLUMNS,
  parentKindOf,
  parseTypeLabel,
  typeLabel,
  type OrganisationKind,
} from "@/lib/admin/organisations";
import { readCsv, sortErrors, writeCsv, type CsvError } from "@/lib/admin/csv";
import type { UnitType } from "@/lib/budget/types";
import { AppError, assertPermission } from "./errors";
import { writeAudit } from "./audit";

/*
 * Organisations: regions → departments → units. A rename changes the organisation, never what
 * was published under the old name (snapshots carry the name they were published with). A unit
 * moves to another department from a given year; the scope of reviewers follows by year.
 */

/** The first year a unit's department history covers (the schema's lower bound). */
const FIRST_YEAR = 2000;

/** 422 of a bulk import: nothing was applied; `details.errors` lists every rejected cell. */
export class CsvImportError extends AppError {
  constructor(readonly errors: CsvError[]) {
    super("BAD_REQUEST", `导入失败：${errors.length} 处错误，未做任何修改`, { errors });
  }
}

export async function getOrganisationTree(db: DbOrTx, actor: SessionUser) {
  assertPermission(actor, "admin.manage");
  const organisations = await listAllOrganisations(db);
  const moves = await listUnitDepartments(db);
  return { organisations, moves };
}

export interface NewOrganisation {
  kind: OrganisationKind;
  code: string;
  name: string;
  shortName?: string | null;
  unitType?: UnitType | null;
  parentId?: number | null;
}

async function requireParent(tx: DbOrTx, kind: OrganisationKind, parentId: number | null | undefined) {
  const parentKind = parentKindOf(kind);
  if (parentKind === null) {
    if (parentId) throw new AppError("BAD_REQUEST", "区划没有上级");
    return null;
  }
  if (!parentId) throw new AppError("BAD_REQUEST", `请选择上级${KIND_NAMES[parentKind]}`);
  const parent = await findOrganisation(tx, parentId);
  if (!parent || parent.kind !== parentKind) throw new AppError("BAD_REQUEST", `${KIND_NAMES[kind]}的上级须为${KIND_NAMES[parentKind]}`);
  if (!parent.active) throw new AppError("BAD_REQUEST", `上级“${parent.name}”已停用`);
  return parent;
}

export async function createOrganisation(db: DbOrTx, actor: SessionUser, input: NewOrganisation) {
  assertPermission(actor, "admin.manage");
  const code = input.code.trim();
  const name = input.name.trim();
  if (!ORGANISATION_CODE.test(code)) throw new AppError("BAD_REQUEST", "编码须为 3–12 位数字");
  if (name === "") throw new AppError("BAD_REQUEST", "请填写名称");
  if (input.kind === "unit" && !input.unitType) throw new AppError("BAD_REQUEST", "请选择单位类型");
  return db.transaction(async (tx) => {
    const parent = await requireParent(tx, input.kind, input.parentId);
    if (await findOrganisationByCode(tx, code)) throw new AppError("CONFLICT", `编码 ${code} 已被使用`);
    const row = await insertOrganisation(tx, {
      kind: input.kind,
      code,
      name,
      shortName: input.shortName?.trim() || null,
      unitType: input.kind === "unit" ? (input.unitType ?? null) : null,
      parentId: parent?.id ?? null,
      sort: await nextSort(tx, parent?.id ?? null),
    });
    await writeAudit(tx, { userId: actor.id, action: "organisation.create", entity: "organisation", entityId: row.id, after: { kind: row.kind, code, name, shortName: row.shortName, unitType: row.unitType, parentId: row.parentId } });
    return { id: row.id };
  });
}

export async function editOrganisation(
  db: DbOrTx,
  actor: SessionUser,
  input: { id: number; name: string; shortName?: string | null; unitType?: UnitType | null },
) {
  assertPermission(actor, "admin.manage");
  const name = input.name.trim();
  if (name === "") throw new AppError("BAD_REQUEST", "请填写名称");
  return db.transaction(async (tx) => {
    const org = await findOrganisation(tx, input.id, true);
    if (!org) throw new AppError("NOT_FOUND", "机构不存在");
    if (org.kind === "unit" && input.unitType === null) throw new AppError("BAD_REQUEST", "请选择单位类型");
    const after = {
      name,
      shortName: input.shortName === undefined ? org.shortName : input.shortName?.trim() || null,
      unitType: org.kind === "unit" ? (input.unitType ?? org.unitType) : null,
    };
    await updateOrganisation(tx, org.id, after);
    await writeAudit(tx, {
      userId: actor.id,
      action: org.name !== name ? "organisation.rename" : "organisation.update",
      entity: "organisation",
      entityId: org.id,
      before: { name: org.name, shortName: org.shortName, unitType: org.unitType },
      after,
    });
    return { id: org.id };
  });
}

export async function setOrganisationActive(db: DbOrTx, actor: SessionUser, input: { id: number; active: boolean }) {
  assertPermission(actor, "admin.manage");
  return db.transaction(async (tx) => {
    const org = await findOrganisation(tx, input.id, true);
    if (!org) throw new AppError("NOT_FOUND", "机构不存在");
    if (org.kind === "region" && !input.active) throw new AppError("BAD_REQUEST", "区划不能停用");
    if (org.active === input.active) return { id: org.id, active: org.active };
    if (!input.active && org.kind === "department") {
      const children = (await listAllOrganisations(tx)).filter((o) => o.parentId === org.id && o.active);
      if (children.length > 0) throw new AppError("BAD_REQUEST", `该部门下还有 ${children.length} 个在用单位，请先停用或调出`);
    }
    await updateOrganisation(tx, org.id, { active: input.active });
    await writeAudit(tx, {
      userId: actor.id,
      action: input.active ? "organisation.activate" : "organisation.deactivate",
      entity: "organisation",
      entityId: org.id,
      before: { active: org.active },
      after: { active: input.active },
    });
    return { id: org.id, active: input.active };
  });
}

/**
 * Moves a unit to another department from `fromYear` on: budgets of earlier years stay with the
 * old department (and its reviewers), those of `fromYear` and later go to the new one.
 */
export async function moveUnit(db: DbOrTx, actor: SessionUser, input: { unitId: number; departmentId: number; fromYear: number }) {
  assertPermission(actor, "admin.manage");
  if (!Number.isInteger(input.fromYear) || input.fromYear < FIRST_YEAR || input.fromYear > 2100) throw new AppError("BAD_REQUEST", "起始年度无效");
  return db.transaction(async (tx) => {
    const unit = await findOrganisation(tx, input.unitId, true);
    if (!unit || unit.kind !== "unit") throw new AppError("NOT_FOUND", "预算单位不存在");
    const department = await requireParent(tx, "unit", input.departmentId);
    if (!department) throw new AppError("BAD_REQUEST", "请选择主管部门");
    if (!(await fiscalYearExists(tx, input.fromYear))) throw new AppError("BAD_REQUEST", `${input.fromYear} 年度未开设`);
    // The first move records where the unit was before it.
    if ((await latestUnitDepartment(tx, unit.id)) === null && input.fromYear > FIRST_YEAR && unit.parentId !== null) {
      await upsertUnitDepartment(tx, unit.id, FIRST_YEAR, unit.parentId);
    }
    await upsertUnitDepartment(tx, unit.id, input.fromYear, department.id);
    const latest = (await latestUnitDepartment(tx, unit.id)) ?? department.id;
    await updateOrganisation(tx, unit.id, { parentId: latest });
    await writeAudit(tx, {
      userId: actor.id,
      action: "organisation.move",
      entity: "organisation",
      entityId: unit.id,
      before: { departmentId: unit.parentId },
      after: { departmentId: department.id, fromYear: input.fromYear },
    });
    return { unitId: unit.id, departmentId: department.id, fromYear: input.fromYear };
  });
}

// ---------------------------------------------------------------------------
// CSV: 编码, 名称, 简称, 类型, 上级编码
// ---------------------------------------------------------------------------

export async function exportOrganisationsCsv(db: DbOrTx, actor: SessionUser): Promise<string> {
  assertPermission(actor, "admin.manage");
  const rows = await listAllOrganisations(db);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return writeCsv(
    ORGANISATION_CSV_COLUMNS,
    rows.map((r) => [r.code, r.name, r.shortName ?? "", typeLabel(r.kind, r.unitType), r.parentId === null ? "" : (byId.get(r.parentId)?.code ?? "")]),
  );
}

interface PlannedRow {
  row: number;
  code: string;
  name: string;
  shortName: string | null;
  kind: OrganisationKind;
  unitType: UnitType | null;
  parentCode: string | null;
  existing: OrganisationRow | undefined;
}

/**
 * Applies the whole file or nothing. New codes are created; known codes get their name, short
 * name and unit type updated. A known unit's 上级编码 must stay as it is (a move takes a year:
 * use the organisations page). Rows not in the file are left alone.
 */
export async function importOrganisationsCsv(db: DbOrTx, actor: SessionUser, text: string) {
  assertPermission(actor, "admin.manage");
  const parsed = readCsv(text, ORGANISATION_CSV_COLUMNS);
  if (parsed.errors.length > 0) throw new CsvImportError(sortErrors(parsed.errors));
  return db.transaction(async (tx) => {
    const existing = await listAllOrganisations(tx);
    const byCode = new Map(existing.map((o) => [o.code, o]));
    const byId = new Map(existing.map((o) => [o.id, o]));
    const errors: CsvError[] = [];
    const planned: PlannedRow[] = [];
    const firstRowOf = new Map<string, number>();
    for (const { row, values } of parsed.records) {
      const code = values["编码"] ?? "";
      const name = values["名称"] ?? "";
      const parentCode = (values["上级编码"] ?? "") || null;
      let ok = true;
      const fail = (column: string, message: string) => {
        errors.push({ row, column, message });
        ok = false;
      };
      if (!ORGANISATION_CODE.test(code)) fail("编码", code === "" ? "编码不能为空" : `编码“${code}”须为 3–12 位数字`);
      else if (firstRowOf.has(code)) fail("编码", `编码 ${code} 重复（与第 ${firstRowOf.get(code)} 行相同）`);
      else firstRowOf.set(code, row);
      if (name === "") fail("名称", "名称不能为空");
      const type = parseTypeLabel(values["类型"] ?? "");
      if (!type) fail("类型", `类型“${values["类型"] ?? ""}”无效，须为：${ALLOWED_TYPES_TEXT}`);
      if (!ok || !type) continue;
      const known = byCode.get(code);
      if (known && known.kind !== type.kind) fail("类型", `编码 ${code} 已是${KIND_NAMES[known.kind]}，不能改为${KIND_NAMES[type.kind]}`);
      planned.push({ row, code, name, shortName: (values["简称"] ?? "") || null, kind: type.kind, unitType: type.unitType, parentCode, existing: known });
    }
    // Parents: in the file or already on record, of the right kind; a known unit keeps its parent.
    const plannedByCode = new Map(planned.map((p) => [p.code, p]));
    for (const p of planned) {
      const wanted = parentKindOf(p.kind);
      if (wanted === null) {
        if (p.parentCode) errors.push({ row: p.row, column: "上级编码", message: "区划不能有上级编码" });
        continue;
      }
      if (!p.parentCode) {
        errors.push({ row: p.row, column: "上级编码", message: `${KIND_NAMES[p.kind]}须填写上级${KIND_NAMES[wanted]}的编码` });
        continue;
      }
      const parentKind = plannedByCode.get(p.parentCode)?.kind ?? byCode.get(p.parentCode)?.kind;
      if (parentKind === undefined) {
        errors.push({ row: p.row, column: "上级编码", message: `上级编码 ${p.parentCode} 不存在` });
        continue;
      }
      if (parentKind !== wanted) {
        errors.push({ row: p.row, column: "上级编码", message: `上级编码 ${p.parentCode} 是${KIND_NAMES[parentKind]}，${KIND_NAMES[p.kind]}的上级须为${KIND_NAMES[wanted]}` });
        continue;
      }
      if (p.existing && p.existing.parentId !== null) {
        const current = byId.get(p.existing.parentId)?.code;
        if (current !== p.parentCode) {
          errors.push({ row: p.row, column: "上级编码", message: `${p.code} 现属 ${current}；调整上级须在机构管理页面按年度办理` });
        }
      }
    }
    if (errors.length > 0) throw new CsvImportError(sortErrors(errors));

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    const order: OrganisationKind[] = ["region", "department", "unit"];
    for (const kind of order) {
      for (const p of planned.filter((x) => x.kind === kind)) {
        if (p.existing) {
          const e = p.existing;
          if (e.name === p.name && (e.shortName ?? null) === p.shortName && e.unitType === p.unitType) {
            unchanged++;
            continue;
          }
          await updateOrganisation(tx, e.id, { name: p.name, shortName: p.shortName, unitType: p.unitType });
          await writeAudit(tx, {
            userId: actor.id,
            action: e.name !== p.name ? "organisation.rename" : "organisation.update",
            entity: "organisation",
            entityId: e.id,
            before: { name: e.name, shortName: e.shortName, unitType: e.unitType },
            after: { name: p.name, shortName: p.shortName, unitType: p.unitType, source: "csv" },
          });
          updated++;
        } else {
          const parent = p.parentCode ? byCode.get(p.parentCode) : undefined;
          const parentId = parent?.id ?? null;
          const row = await insertOrganisation(tx, {
            kind: p.kind,
            code: p.code,
            name: p.name,
            shortName: p.shortName,
            unitType: p.unitType,
            parentId,
            sort: await nextSort(tx, parentId),
          });
          byCode.set(row.code, { ...row });
          await writeAudit(tx, {
            userId: actor.id,
            action: "organisation.create",
            entity: "organisation",
            entityId: row.id,
            after: { kind: row.kind, code: row.code, name: row.name, shortName: row.shortName, unitType: row.unitType, parentId, source: "csv" },
          });
          created++;
        }
      }
    }
    return { created, updated, unchanged, rows: planned.length };
  });
}

