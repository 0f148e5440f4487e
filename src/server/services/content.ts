/**
 * The write side of a budget's content, one home: every editor, the spreadsheet grid and the
 * workbook import save through `applyChanges` (a batch of row changes) or `replaceContent` (the
 * whole content at once). Each call is one transaction through the budget guard: scope, version and
 * state checked, every row validated at once against the year's catalogue (refusals name the row
 * and field in Chinese, and nothing is written), one version bump, one audit row.
 */
import type { DbOrTx, Tx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { findBudget, findBudgetByUnitYear, type LockedBudget } from "../queries/budgets";
import { loadBudgetInput, loadPublishedInput } from "../queries/budget-input";
import { computeDisclosure } from "@/lib/budget";
import { hasPermission } from "@/lib/auth/permissions";
import { workspaceDocument, type WorkspaceDisclosure } from "@/lib/export/json";
import { loadYearCatalogue, validateCodes, type CodedRow } from "../queries/catalogue";
import {
  assetsOf,
  budgetTextsOf,
  deleteAllContent,
  deleteLineItems,
  deleteProcurement,
  deleteProjects,
  deleteServices,
  deleteTargets,
  insertLineItems,
  insertProcurement,
  insertProjects,
  insertServices,
  insertTarget,
  lineItemsByIds,
  procurementByIds,
  procurementOf,
  profileOf,
  projectDependents,
  projectsOf,
  refreshLinkedTaskAmounts,
  replaceAssets,
  replaceProfile,
  servicesByIds,
  servicesOf,
  targetsOf,
  updateLineItems,
  updateProcurement,
  updateProjects,
  updateServices,
  updateTarget,
  type LineValues,
  type ProcurementValues,
  type ServiceValues,
  type TargetValues,
} from "../queries/content-write";
import {
  CONTENT_PARTS,
  CONTENT_PART_LABELS,
  contentChanges,
  describeIssuePath,
  type BudgetContent,
  type ContentChanges,
  type ContentListPart,
  type FieldIssue,
  type IndicatorRow,
  type ParsedContentChanges,
} from "@/lib/workflow/content";
import { AppError, notFound } from "./errors";
import { changedFields, type AuditEntry } from "./audit";
import { changeBudget, type BudgetPatch, type BudgetRef, type Changed } from "./budget-guard";

export interface ContentResult extends Changed {
  /** clientKey → id of the row it created. */
  ids: Record<string, number>;
}

/** The refusal of a batch: the first problem in words, every problem by field in `details.fieldErrors`. */
export function invalidContent(issues: FieldIssue[]): AppError {
  const first = issues[0]?.message ?? "输入有误";
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : "";
  return new AppError("BAD_REQUEST", `${first}${more}`, { fieldErrors: issues });
}

function parseChanges(changes: ContentChanges): ParsedContentChanges {
  const parsed = contentChanges.safeParse(changes);
  if (parsed.success) return parsed.data;
  throw invalidContent(
    parsed.error.issues.map((i) => {
      const path = i.path.join(".");
      const where = describeIssuePath(path);
      return { path, message: where ? `${where}：${i.message}` : i.message };
    }),
  );
}

const AUDIT_ENTITY: Record<ContentListPart, AuditEntry["entity"]> = {
  lineItems: "line_item",
  projects: "project",
  procurement: "procurement_item",
  purchasedServices: "purchased_service_item",
  targets: "performance_target",
};

interface Written {
  ids: Record<string, number>;
  set: BudgetPatch;
  /** Per part: rows as they were (updated or deleted) and as they are (updated or created). */
  before: Record<string, unknown[]>;
  after: Record<string, unknown[]>;
  /** The single row changed, when exactly one was: the audit row then names it. */
  single: { part: ContentListPart; id: number; before: Record<string, unknown> | null; after: Record<string, unknown> | null } | null;
}

type Rec = Record<string, unknown>;

const lineRecord = (l: { functionCode: string; economicCode: string; kind: string; projectId: number | null; source: string; period: string; amount: string }) => ({
  functionCode: l.functionCode,
  economicCode: l.economicCode,
  kind: l.kind,
  projectId: l.projectId,
  source: l.source,
  period: l.period,
  amount: l.amount,
});
const projectRecord = (p: { name: string; content: string; debtFinanced: boolean }) => ({ name: p.name, content: p.content, debtFinanced: p.debtFinanced });
const procurementRecord = (p: ProcurementValues) => ({
  projectId: p.projectId,
  name: p.name,
  category: p.category,
  source: p.source,
  period: p.period,
  amount: p.amount,
  smeReserved: p.smeReserved,
});
const serviceRecord = (p: ServiceValues) => ({
  functionClassCode: p.functionClassCode,
  name: p.name,
  catalogueCode: p.catalogueCode,
  catalogueName: p.catalogueName,
  source: p.source,
  period: p.period,
  amount: p.amount,
});
const targetRecord = (t: TargetValues) => ({ projectId: t.projectId, goal: t.goal, tasks: t.tasks, indicators: t.indicators });

interface WriteOptions {
  /** Replace the whole content: existing rows are ignored by the checks and removed before writing. */
  replace?: boolean;
}

/**
 * Validate every row of the batch at once, then write it. Throws BAD_REQUEST with every refusal
 * before anything is written (and the caller's transaction rolls back regardless).
 */
async function writeChanges(tx: Tx, budget: LockedBudget, c: ParsedContentChanges, options: WriteOptions = {}): Promise<Written> {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => {
    const where = describeIssuePath(path);
    issues.push({ path, message: where ? `${where}：${message}` : message });
  };
  const rowPath = (part: ContentListPart, i: number) => `${part}.upsert.${i}`;
  const rowLabel = (part: ContentListPart, i: number) => `${CONTENT_PART_LABELS[part]}第 ${i + 1} 行`;
  const upserts = <P extends ContentListPart>(part: P) => (c[part]?.upsert ?? []) as NonNullable<ParsedContentChanges[P]>["upsert"];
  const deletes = (part: ContentListPart) => c[part]?.delete ?? [];

  // clientKeys name new rows across the batch: each at most once.
  const keys = new Set<string>();
  for (const part of CONTENT_PARTS) {
    upserts(part).forEach((r, i) => {
      if (!r.clientKey) return;
      if (r.id !== undefined) issue(`${rowPath(part, i)}.clientKey`, "已有的行不能再给临时编号");
      if (keys.has(r.clientKey)) issue(`${rowPath(part, i)}.clientKey`, `临时编号“${r.clientKey}”重复`);
      keys.add(r.clientKey);
    });
    const seen = new Set<number>();
    upserts(part).forEach((r, i) => {
      if (r.id === undefined) return;
      if (seen.has(r.id)) issue(`${rowPath(part, i)}.id`, "同一行在一次保存中出现了两次");
      seen.add(r.id);
      if (deletes(part).includes(r.id)) issue(`${rowPath(part, i)}.id`, "同一行不能同时修改和删除");
    });
  }

  // The year's catalogue, read once, against every coded row.
  const needsCatalogue = c.lineItems || c.procurement || c.purchasedServices || c.baseline;
  if (needsCatalogue) {
    const cat = await loadYearCatalogue(tx, budget.year);
    const check = (part: ContentListPart, rows: CodedRow[]) =>
      issues.push(...validateCodes(cat, rows, (i) => rowPath(part, i), (i) => rowLabel(part, i)));
    check("lineItems", upserts("lineItems"));
    check("procurement", upserts("procurement").map((p) => ({ source: p.source })));
    check("purchasedServices", upserts("purchasedServices").map((p) => ({ functionClassCode: p.functionClassCode, source: p.source })));
    if (c.baseline) {
      issues.push(
        ...validateCodes(
          cat,
          (c.baseline.byFunctionClass ?? []).map((f) => ({ functionClassCode: f.code })),
          (i) => `baseline.byFunctionClass.${i}`,
          (i) => `上年预算基数（按功能分类）第 ${i + 1} 行`,
        ).map((x) => ({ ...x, path: x.path.replace(/\.functionClassCode$/, ".code") })),
      );
      for (const code of Object.keys(c.baseline.bySource ?? {}))
        if (code !== "carryover" && !cat.sourceNames.has(code)) issue(`baseline.bySource.${code}`, `资金来源“${code}”不在 ${budget.year} 年度的资金来源中`);
    }
  }

  // Projects: which exist, which go, which come (by clientKey), and names unique in the end.
  const projects = options.replace ? [] : await projectsOf(tx, budget.id);
  const projectById = new Map(projects.map((p) => [p.id, p]));
  const deletedProjects = new Set(deletes("projects"));
  deletes("projects").forEach((id, i) => {
    if (!projectById.has(id)) issue(`projects.delete.${i}`, "要删除的项目不存在或已被删除");
  });
  const newProjectKeys = new Set<string>();
  const finalNames = new Map<string, number>();
  const updatedProjectIds = new Set(upserts("projects").flatMap((p) => (p.id !== undefined ? [p.id] : [])));
  for (const p of projects) if (!deletedProjects.has(p.id) && !updatedProjectIds.has(p.id)) finalNames.set(p.name, (finalNames.get(p.name) ?? 0) + 1);
  upserts("projects").forEach((p, i) => {
    if (p.id !== undefined && !projectById.has(p.id)) issue(`${rowPath("projects", i)}.id`, "项目不存在或已被删除");
    if (p.id === undefined && p.clientKey) newProjectKeys.add(p.clientKey);
    finalNames.set(p.name, (finalNames.get(p.name) ?? 0) + 1);
  });
  upserts("projects").forEach((p, i) => {
    if ((finalNames.get(p.name) ?? 0) > 1) issue(`${rowPath("projects", i)}.name`, `本预算已有名为“${p.name}”的项目`);
  });
  const projectRefOk = (r: { projectId: number | null; projectKey?: string | null | undefined }) =>
    r.projectId !== null
      ? projectById.has(r.projectId) && !deletedProjects.has(r.projectId)
      : r.projectKey
        ? newProjectKeys.has(r.projectKey)
        : true;
  for (const part of ["lineItems", "procurement"] as const) {
    upserts(part).forEach((r, i) => {
      if (!projectRefOk(r)) issue(`${rowPath(part, i)}.projectId`, "所选项目不存在或已被删除");
    });
  }

  // Existing rows named by id must belong to this budget.
  const idsOf = (part: ContentListPart) => [...upserts(part).flatMap((r) => (r.id !== undefined ? [r.id] : [])), ...deletes(part)];
  const lines = options.replace ? [] : await lineItemsByIds(tx, budget.id, idsOf("lineItems"));
  const procurement = options.replace ? [] : await procurementByIds(tx, budget.id, idsOf("procurement"));
  const services = options.replace ? [] : await servicesByIds(tx, budget.id, idsOf("purchasedServices"));
  const targets = options.replace || !c.targets ? [] : await targetsOf(tx, budget.id);
  const known: Record<ContentListPart, Map<number, unknown>> = {
    lineItems: new Map(lines.map((r) => [r.id, r])),
    projects: projectById,
    procurement: new Map(procurement.map((r) => [r.id, r])),
    purchasedServices: new Map(services.map((r) => [r.id, r])),
    targets: new Map(targets.map((r) => [r.id, r])),
  };
  for (const part of ["lineItems", "procurement", "purchasedServices", "targets"] as const) {
    upserts(part).forEach((r, i) => {
      if (r.id !== undefined && !known[part].has(r.id)) issue(`${rowPath(part, i)}.id`, "该行不存在或已被删除，请刷新后再改");
    });
    deletes(part).forEach((id, i) => {
      if (!known[part].has(id)) issue(`${part}.delete.${i}`, `要删除的${CONTENT_PART_LABELS[part]}不存在或已被删除`);
    });
  }

  // Targets: one per project and one unit-wide; an upsert without id of a project that has one updates it.
  const targetKey = (r: { projectId: number | null; projectKey?: string | null | undefined }) =>
    r.projectId !== null ? `p:${r.projectId}` : r.projectKey ? `k:${r.projectKey}` : "unit";
  const deletedTargets = new Set(deletes("targets"));
  const targetIdByKey = new Map<string, number>();
  for (const t of targets) if (!deletedTargets.has(t.id)) targetIdByKey.set(targetKey(t), t.id);
  const targetIds: (number | undefined)[] = [];
  const batchTargetKeys = new Set<string>();
  upserts("targets").forEach((t, i) => {
    const key = targetKey(t);
    if (!projectRefOk(t)) issue(`${rowPath("targets", i)}.projectId`, "所选项目不存在或已被删除");
    if (batchTargetKeys.has(key)) issue(`${rowPath("targets", i)}.projectId`, key === "unit" ? "整体绩效目标只能有一个" : "同一项目只能有一个绩效目标");
    batchTargetKeys.add(key);
    const holder = targetIdByKey.get(key);
    if (t.id !== undefined && holder !== undefined && holder !== t.id)
      issue(`${rowPath("targets", i)}.projectId`, "所选项目已有绩效目标");
    targetIds.push(t.id ?? holder);
    const isUnitWide = key === "unit";
    if (!isUnitWide && t.tasks.length) issue(`${rowPath("targets", i)}.tasks`, "年度主要任务只属于整体绩效目标（表16），项目绩效目标不填");
    const figures = new Set<string>();
    t.tasks.forEach((k, j) => {
      if (!k.link) return;
      const where = `${rowPath("targets", i)}.tasks.${j}.link`;
      if (k.link.figure === "project" && !projectRefOk(k.link)) issue(`${where}.projectId`, `任务“${k.name}”所关联的项目不存在或已被删除`);
      const f = k.link.figure === "project" ? `project:${k.link.projectId ?? k.link.projectKey}` : k.link.figure;
      const overlaps =
        figures.has(f) ||
        (k.link.figure === "projects" && [...figures].some((x) => x.startsWith("project:"))) ||
        (k.link.figure === "project" && figures.has("projects"));
      if (overlaps) issue(where, `任务“${k.name}”与另一项任务关联了相同或重叠的数据，金额会重复计算`);
      figures.add(f);
    });
  });

  if (issues.length) throw invalidContent(issues);

  // ------------------------------------------------------------------- write
  const before: Record<string, Rec[]> = {};
  const after: Record<string, Rec[]> = {};
  const log = (side: Record<string, Rec[]>, part: string, row: Rec) => (side[part] ??= []).push(row);
  const ids: Record<string, number> = {};

  if (options.replace) await deleteAllContent(tx, budget.id);

  // Deletions first (a project last: it takes its lines, procurement items, targets and linked tasks).
  for (const id of deletes("lineItems")) log(before, "lineItems", { id, ...lineRecord(known.lineItems.get(id) as (typeof lines)[number]) });
  await deleteLineItems(tx, budget.id, deletes("lineItems"));
  for (const id of deletes("procurement")) log(before, "procurement", { id, ...procurementRecord(known.procurement.get(id) as (typeof procurement)[number]) });
  await deleteProcurement(tx, budget.id, deletes("procurement"));
  for (const id of deletes("purchasedServices")) log(before, "purchasedServices", { id, ...serviceRecord(known.purchasedServices.get(id) as (typeof services)[number]) });
  await deleteServices(tx, budget.id, deletes("purchasedServices"));
  for (const id of deletes("targets")) {
    const t = known.targets.get(id) as (typeof targets)[number];
    log(before, "targets", { id, ...targetRecord(t) });
  }
  await deleteTargets(tx, budget.id, deletes("targets"));
  if (deletes("projects").length) {
    const dependents = await projectDependents(tx, budget.id, deletes("projects"));
    for (const id of deletes("projects")) log(before, "projects", { id, ...projectRecord(projectById.get(id)!) });
    log(after, "projectDependentsDeleted", dependents);
    await deleteProjects(tx, budget.id, deletes("projects"));
  }

  // Projects next: new rows refer to them by clientKey.
  const projectIdOfKey = new Map<string, number>();
  const newProjects = upserts("projects").filter((p) => p.id === undefined);
  const projectValues = (p: (typeof newProjects)[number]) => ({ name: p.name, content: p.content, debtFinanced: p.debtFinanced, ...(p.sort !== undefined ? { sort: p.sort } : {}) });
  const createdProjects = await insertProjects(tx, budget.id, newProjects.map(projectValues));
  newProjects.forEach((p, i) => {
    const id = createdProjects[i]!;
    if (p.clientKey) {
      projectIdOfKey.set(p.clientKey, id);
      ids[p.clientKey] = id;
    }
    log(after, "projects", { id, ...projectRecord(p) });
  });
  const changedProjects = upserts("projects").flatMap((p) => (p.id !== undefined ? [{ id: p.id, ...projectValues(p) }] : []));
  for (const p of changedProjects) {
    log(before, "projects", { id: p.id, ...projectRecord(projectById.get(p.id)!) });
    log(after, "projects", { id: p.id, ...projectRecord(p) });
  }
  await updateProjects(tx, budget.id, changedProjects);
  const projectOf = (r: { projectId: number | null; projectKey?: string | null | undefined }) =>
    r.projectId ?? (r.projectKey ? (projectIdOfKey.get(r.projectKey) ?? null) : null);

  // Line items.
  const lineRows = upserts("lineItems").map((l) => ({
    id: l.id,
    clientKey: l.clientKey,
    values: {
      functionCode: l.functionCode,
      economicCode: l.economicCode,
      kind: l.kind,
      projectId: projectOf(l),
      source: l.source,
      period: l.period,
      amount: l.amount,
    } satisfies LineValues,
  }));
  const lineUpdates = lineRows.flatMap((r) => (r.id !== undefined ? [{ id: r.id, ...r.values }] : []));
  for (const u of lineUpdates) {
    log(before, "lineItems", { id: u.id, ...lineRecord(known.lineItems.get(u.id) as (typeof lines)[number]) });
    log(after, "lineItems", { ...u });
  }
  await updateLineItems(tx, budget.id, lineUpdates);
  const lineInserts = lineRows.filter((r) => r.id === undefined);
  const createdLines = await insertLineItems(tx, budget.id, budget.year, lineInserts.map((r) => r.values));
  lineInserts.forEach((r, i) => {
    const id = createdLines[i]!;
    if (r.clientKey) ids[r.clientKey] = id;
    // A whole-content write logs counts, not thousands of rows.
    if (!options.replace) log(after, "lineItems", { id, ...r.values });
  });

  // 政府采购.
  const procurementRows = upserts("procurement").map((p) => ({
    id: p.id,
    clientKey: p.clientKey,
    values: {
      projectId: projectOf(p),
      name: p.name,
      category: p.category,
      source: p.source,
      period: p.period,
      amount: p.amount,
      smeReserved: p.smeReserved,
    } satisfies ProcurementValues,
  }));
  const procurementUpdates = procurementRows.flatMap((r) => (r.id !== undefined ? [{ id: r.id, ...r.values }] : []));
  for (const u of procurementUpdates) {
    log(before, "procurement", { id: u.id, ...procurementRecord(known.procurement.get(u.id) as (typeof procurement)[number]) });
    log(after, "procurement", { ...u });
  }
  await updateProcurement(tx, budget.id, procurementUpdates);
  const procurementInserts = procurementRows.filter((r) => r.id === undefined);
  const createdProcurement = await insertProcurement(tx, budget.id, budget.year, procurementInserts.map((r) => r.values));
  procurementInserts.forEach((r, i) => {
    const id = createdProcurement[i]!;
    if (r.clientKey) ids[r.clientKey] = id;
    log(after, "procurement", { id, ...r.values });
  });

  // 政府购买服务.
  const serviceRows = upserts("purchasedServices").map((p) => ({
    id: p.id,
    clientKey: p.clientKey,
    values: {
      functionClassCode: p.functionClassCode,
      name: p.name,
      catalogueCode: p.catalogueCode,
      catalogueName: p.catalogueName,
      source: p.source,
      period: p.period,
      amount: p.amount,
    } satisfies ServiceValues,
  }));
  const serviceUpdates = serviceRows.flatMap((r) => (r.id !== undefined ? [{ id: r.id, ...r.values }] : []));
  for (const u of serviceUpdates) {
    log(before, "purchasedServices", { id: u.id, ...serviceRecord(known.purchasedServices.get(u.id) as (typeof services)[number]) });
    log(after, "purchasedServices", { ...u });
  }
  await updateServices(tx, budget.id, serviceUpdates);
  const serviceInserts = serviceRows.filter((r) => r.id === undefined);
  const createdServices = await insertServices(tx, budget.id, budget.year, serviceInserts.map((r) => r.values));
  serviceInserts.forEach((r, i) => {
    const id = createdServices[i]!;
    if (r.clientKey) ids[r.clientKey] = id;
    log(after, "purchasedServices", { id, ...r.values });
  });

  // 绩效目标 with their tasks (linked ones keep their link) and indicators.
  for (const [i, t] of upserts("targets").entries()) {
    const values: TargetValues = {
      projectId: projectOf(t),
      goal: t.goal,
      indicators: t.indicators,
      tasks: t.tasks.map((k) => ({
        name: k.name,
        amount: k.amount,
        link: k.link?.figure ?? null,
        linkProjectId: k.link?.figure === "project" ? projectOf(k.link) : null,
      })),
    };
    const existing = targetIds[i];
    if (existing !== undefined) {
      log(before, "targets", { id: existing, ...targetRecord(known.targets.get(existing) as (typeof targets)[number]) });
      await updateTarget(tx, budget.id, existing, values);
      log(after, "targets", { id: existing, ...targetRecord(values) });
    } else {
      const id = await insertTarget(tx, budget.id, values);
      if (t.clientKey) ids[t.clientKey] = id;
      log(after, "targets", { id, ...targetRecord(values) });
    }
  }

  // 单位概况 and 国有资产, each replaced as a whole.
  if (c.profile) {
    if (!options.replace) before.profile = [await profileOf(tx, budget.id)];
    await replaceProfile(tx, budget.id, c.profile);
    after.profile = [c.profile];
  }
  if (c.assets !== undefined) {
    if (!options.replace) before.assets = [(await assetsOf(tx, budget.id)) ?? {}];
    await replaceAssets(
      tx,
      budget.id,
      c.assets && {
        asOf: c.assets.asOf,
        vehiclesMinisterial: c.assets.vehicles.ministerial,
        vehiclesGeneral: c.assets.vehicles.general,
        vehiclesEnforcement: c.assets.vehicles.enforcement,
        vehiclesSpecial: c.assets.vehicles.special,
        vehiclesOther: c.assets.vehicles.other,
        largeEquipment: c.assets.largeEquipment,
        note: c.assets.note,
      },
    );
    after.assets = [c.assets ?? {}];
  }

  // Linked 表16 tasks store the figure they follow as of this save (the engine recomputes it on read).
  await refreshLinkedTaskAmounts(tx, budget.id);

  // Texts and the prior-year baseline live on the budget row.
  const set: BudgetPatch = {};
  if (c.narrative) {
    if (c.narrative.correctionNote && budget.revision === 1) {
      throw invalidContent([{ path: "narrative.correctionNote", message: "更正说明只用于更正版本（第 2 版及以后）" }]);
    }
    Object.assign(set, Object.fromEntries(Object.entries(c.narrative).filter(([, v]) => v !== undefined)));
  }
  if (c.baseline !== undefined) {
    const b = c.baseline;
    set.baselineTotal = b?.total ?? null;
    set.baselineSanggong = b?.sanggong ?? null;
    set.baselineDetail =
      b && (b.bySource || b.byKind || b.byFunctionClass)
        ? { ...(b.bySource ? { bySource: b.bySource } : {}), ...(b.byKind ? { byKind: b.byKind } : {}), ...(b.byFunctionClass ? { byFunctionClass: b.byFunctionClass } : {}) }
        : null;
  }
  if (c.baselineTotal !== undefined && c.baseline === undefined) {
    set.baselineTotal = c.baselineTotal;
    if (c.baselineTotal === null) {
      set.baselineSanggong = null;
      set.baselineDetail = null;
    }
  }
  if (Object.keys(set).length) {
    const diff = changedFields(budget as unknown as Rec, set as Rec);
    if (diff.changed) {
      before.budget = [diff.before];
      after.budget = [diff.after];
    }
  }

  // Exactly one list row changed: the audit row names it (the timeline shows "修改明细" with its fields).
  let single: Written["single"] = null;
  const touched = CONTENT_PARTS.filter((p) => (before[p]?.length ?? 0) + (after[p]?.length ?? 0) > 0);
  const others = Object.keys({ ...before, ...after }).filter((k) => !(CONTENT_PARTS as readonly string[]).includes(k));
  if (!options.replace && touched.length === 1 && others.length === 0) {
    const part = touched[0]!;
    const b = before[part] ?? [];
    const a = after[part] ?? [];
    if (b.length <= 1 && a.length <= 1 && (b.length === 0 || a.length === 0 || b[0]!.id === a[0]!.id)) {
      single = { part, id: Number((a[0] ?? b[0])!.id), before: b[0] ?? null, after: a[0] ?? null };
    }
  }
  return { ids, set, before, after, single };
}

function auditOf(w: Written): { entity: AuditEntry["entity"]; entityId: number; before?: Rec; after?: Rec } | null {
  if (!w.single) return null;
  const { part, id, before, after } = w.single;
  const strip = (r: Rec | null) => {
    if (!r) return undefined;
    const rest: Rec = { ...r };
    delete rest.id;
    return rest;
  };
  if (before && after) {
    const diff = changedFields(strip(before)!, strip(after)!);
    return { entity: AUDIT_ENTITY[part], entityId: id, before: diff.before, after: diff.after };
  }
  return { entity: AUDIT_ENTITY[part], entityId: id, before: strip(before), after: strip(after) };
}

/**
 * The batch entry point: every change to a draft's content in one transaction, one version bump,
 * one audit row (listing each changed row before and after). `name` is the audit action.
 */
export function applyChanges(
  db: DbOrTx,
  actor: SessionUser,
  ref: BudgetRef,
  changes: ContentChanges,
  name = "content.apply",
): Promise<ContentResult> {
  const parsed = parseChanges(changes);
  return changeBudget(db, actor, ref, { action: "edit", name }, async (tx, budget) => {
    const w = await writeChanges(tx, budget, parsed);
    const audit = auditOf(w) ?? { entity: "budget" as const, entityId: budget.id, before: w.before, after: w.after };
    return { result: { ids: w.ids }, set: w.set, audit };
  });
}

/** The content of an engine input as one batch of new rows (project ids become clientKeys). */
export function contentAsChanges(content: BudgetContent): ContentChanges {
  const key = (id: string | null | undefined) => (id === null || id === undefined || id === "" ? null : id);
  return {
    projects: { upsert: content.projects.map((p) => ({ clientKey: p.id, name: p.name, content: p.content, debtFinanced: p.debtFinanced, sort: p.sort })) },
    lineItems: {
      upsert: content.lineItems.map((l) => ({
        functionCode: l.functionCode,
        economicCode: l.economicCode,
        kind: l.kind,
        projectId: null,
        projectKey: key(l.projectId),
        source: l.source,
        period: l.period,
        amount: l.amount,
      })),
    },
    procurement: {
      upsert: content.procurement.map((p) => ({
        projectId: null,
        projectKey: key(p.projectId),
        name: p.name,
        category: p.category,
        source: p.source,
        period: p.period,
        amount: p.amount,
        smeReserved: p.smeReserved,
      })),
    },
    purchasedServices: {
      upsert: content.purchasedServices.map((p) => ({
        functionClassCode: p.functionClassCode,
        name: p.name,
        catalogueCode: p.catalogueCode,
        catalogueName: p.catalogueName,
        source: p.source,
        period: p.period,
        amount: p.amount,
      })),
    },
    targets: {
      upsert: content.targets.map((t) => ({
        projectId: null,
        projectKey: key(t.projectId),
        goal: t.goal,
        // An operator outside the list is refused by the schema with a message on the row.
        indicators: t.indicators.map((i) => ({ ...i, operator: i.operator as NonNullable<IndicatorRow["operator"]> })),
        tasks: t.tasks.map((k) => ({
          name: k.name,
          amount: k.amount,
          link: k.link ? { figure: k.link.figure, projectId: null, projectKey: key(k.link.projectId) } : null,
        })),
      })),
    },
    profile: content.profile,
    assets: content.assets,
    narrative: content.narrative,
    baseline: content.baseline,
  };
}

/**
 * Replace the whole content of a draft (the workbook import): one validation pass over every row,
 * then delete and write in chunked multi-row inserts, one version bump, one audit row with counts.
 * Returns the new id of each input project id in `ids`.
 */
export function replaceContent(db: DbOrTx, actor: SessionUser, ref: BudgetRef, content: BudgetContent, name = "content.replace"): Promise<ContentResult> {
  const parsed = parseChanges(contentAsChanges(content));
  return changeBudget(db, actor, ref, { action: "edit", name }, async (tx, budget) => {
    const w = await writeChanges(tx, budget, parsed, { replace: true });
    const counts = {
      lineItems: content.lineItems.length,
      projects: content.projects.length,
      procurement: content.procurement.length,
      purchasedServices: content.purchasedServices.length,
      targets: content.targets.length,
    };
    return {
      result: { ids: w.ids },
      set: w.set,
      audit: { entity: "budget", entityId: budget.id, after: { replaced: counts, ...(w.after.budget ? { budget: w.after.budget } : {}) } },
    };
  });
}

// ---------------------------------------------------------------------------
// Reading the editable content (row ids included) for the editors
// ---------------------------------------------------------------------------

/** Everything the editors show, with row ids, plus what the prior year offers (its targets, whether it is on the platform). */
export async function getBudgetContent(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await findBudget(db, actor.scope, budgetId);
  if (!budget) throw notFound();
  // One after the other: `db` may be a transaction.
  const projects = await projectsOf(db, budgetId);
  const targets = await targetsOf(db, budgetId);
  const profile = await profileOf(db, budgetId);
  const asset = await assetsOf(db, budgetId);
  const procurement = await procurementOf(db, budgetId);
  const purchasedServices = await servicesOf(db, budgetId);
  const texts = await budgetTextsOf(db, budgetId);
  const prior = await loadPublishedInput(db, budget.unitId, budget.year - 1);
  const priorProjectNames = new Map((prior?.projects ?? []).map((p) => [p.id, p.name]));
  return {
    budgetId,
    year: budget.year,
    projects: projects.map((p) => ({ id: p.id, name: p.name, content: p.content, debtFinanced: p.debtFinanced, sort: p.sort })),
    targets: targets.map((t) => ({
      id: t.id,
      projectId: t.projectId,
      goal: t.goal,
      indicators: t.indicators,
      tasks: t.tasks.map((k) => ({
        name: k.name,
        amount: k.amount,
        link: k.link ? { figure: k.link, projectId: k.linkProjectId } : null,
      })),
    })),
    profile,
    assets: asset
      ? {
          asOf: asset.asOf,
          vehicles: {
            ministerial: asset.vehiclesMinisterial,
            general: asset.vehiclesGeneral,
            enforcement: asset.vehiclesEnforcement,
            special: asset.vehiclesSpecial,
            other: asset.vehiclesOther,
          },
          largeEquipment: asset.largeEquipment,
          note: asset.note,
        }
      : null,
    procurement: procurement.map((p) => ({
      id: p.id,
      projectId: p.projectId,
      name: p.name,
      category: p.category,
      source: p.source,
      period: p.period,
      amount: p.amount,
      smeReserved: p.smeReserved,
    })),
    purchasedServices: purchasedServices.map((p) => ({
      id: p.id,
      functionClassCode: p.functionClassCode,
      name: p.name,
      catalogueCode: p.catalogueCode,
      catalogueName: p.catalogueName,
      source: p.source,
      period: p.period,
      amount: p.amount,
    })),
    narrative: {
      totalChangeReason: texts?.totalChangeReason ?? "",
      sanggongChangeReason: texts?.sanggongChangeReason ?? "",
      overview: texts?.overview ?? "",
      correctionNote: texts?.correctionNote ?? "",
    },
    baseline:
      texts?.baselineTotal != null
        ? { total: texts.baselineTotal, ...(texts.baselineSanggong ? { sanggong: texts.baselineSanggong } : {}), ...(texts.baselineDetail ?? {}) }
        : null,
    /** The prior year on the platform (published): the 情况说明 compares with it, not with the entered baseline. */
    priorOnPlatform: prior ? { year: prior.year } : null,
    /** Last year's targets by project name (and the unit-wide one), for "copy from last year". */
    priorTargets: (prior?.targets ?? []).map((t) => ({
      projectName: t.projectId === null ? null : (priorProjectNames.get(t.projectId) ?? null),
      goal: t.goal,
      indicators: t.indicators,
    })),
  };
}
export type BudgetContentView = Awaited<ReturnType<typeof getBudgetContent>>;

/**
 * The preview of a unit's current budget of a year (draft or later) in the open-data JSON shape,
 * for a signed-in user whose scope holds the unit; null otherwise (the route answers 404).
 */
export async function getWorkspaceDocument(db: DbOrTx, actor: SessionUser, year: number, unitCode: string): Promise<WorkspaceDisclosure | null> {
  if (!hasPermission(actor.role, "budget.read")) return null;
  const budget = await findBudgetByUnitYear(db, actor.scope, year, unitCode);
  if (!budget) return null;
  const d = computeDisclosure(await loadBudgetInput(db, budget.id));
  return workspaceDocument(d, {
    unit: {
      code: budget.unitCode,
      name: budget.unitName,
      type: d.unit.type,
      department: { code: budget.departmentCode, name: budget.departmentName },
      region: { code: d.unit.regionCode, name: d.unit.regionName },
    },
    revision: budget.revision,
    status: budget.status,
    version: budget.version,
    publishedAt: budget.publishedAt ? budget.publishedAt.toISOString() : null,
    correctionNote: budget.correctionNote,
  });
}

/** The 17 tables and the 情况说明 of a budget exactly as the public page will show them. */
export async function getBudgetPreview(db: DbOrTx, actor: SessionUser, budgetId: number) {
  const budget = await findBudget(db, actor.scope, budgetId);
  if (!budget) throw notFound();
  return computeDisclosure(await loadBudgetInput(db, budgetId));
}
