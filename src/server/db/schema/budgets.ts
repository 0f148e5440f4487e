import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  text,
  timestamp,
  unique,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { money, moneyCheck } from "./common";
import { deptEconomicCodes, fiscalYears, functionCodes, fundingSources } from "./catalogs";
import { organisations, users } from "./organisations";
import type { PriorYearBaseline, TaskFigure } from "@/lib/budget/types";

export type BaselineDetail = Pick<PriorYearBaseline, "bySource" | "byKind" | "byFunctionClass">;

export const budgetStatuses = ["draft", "submitted", "returned", "approved", "published"] as const;
export type BudgetStatus = (typeof budgetStatuses)[number];

/** One budget = (unit, year, revision). A correction after publication is a new revision. */
export const budgets = pgTable(
  "budgets",
  {
    id: serial("id").primaryKey(),
    unitId: integer("unit_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    revision: integer("revision").notNull().default(1),
    status: text("status", { enum: budgetStatuses }).notNull().default("draft"),
    /** live: made on the platform; imported: history published before the platform, loaded by an admin. */
    origin: text("origin", { enum: ["live", "imported"] }).notNull().default("live"),
    /** Optimistic concurrency: every write carries the version it read. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    /** 批复 date; the disclosure is due within 20 days (预算法 第十四条). */
    approvedOn: date("approved_on"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Prior-year figures entered by hand, used when the prior year's budget is not in the database. */
    baselineTotal: money("baseline_total"),
    baselineSanggong: jsonb("baseline_sanggong").$type<{
      abroad: string;
      reception: string;
      vehiclePurchase: string;
      vehicleOperation: string;
    }>(),
    /** The entered prior year by 资金来源, by 基本/项目 and by 功能分类 类 (see PriorYearBaseline). */
    baselineDetail: jsonb("baseline_detail").$type<BaselineDetail>(),
    totalChangeReason: text("total_change_reason").notNull().default(""),
    sanggongChangeReason: text("sanggong_change_reason").notNull().default(""),
    overview: text("overview").notNull().default(""),
    /** 更正说明, for revision > 1. */
    correctionNote: text("correction_note").notNull().default(""),
    /** Warnings the preparer acknowledged at submission (check ids). */
    acknowledgedWarnings: jsonb("acknowledged_warnings").$type<string[]>().notNull().default([]),
    /** When the reviewer opened the submission; until then the preparer may withdraw it. */
    reviewStartedAt: timestamp("review_started_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("budgets_unit_year_revision_uq").on(t.unitId, t.year, t.revision),
    unique("budgets_id_year_uq").on(t.id, t.year),
    check("budgets_revision_ck", sql`${t.revision} >= 1`),
    check("budgets_baseline_ck", sql`${t.baselineTotal} IS NULL OR (${sql.raw(moneyCheck("baseline_total"))})`),
    index("budgets_year_status_idx").on(t.year, t.status),
    check("budgets_origin_ck", sql`${t.origin} IN ('live', 'imported')`),
  ],
);

/** 单位概况 per budget: 主要职责 and 部门预算单位构成. */
export const unitProfiles = pgTable("unit_profiles", {
  budgetId: integer("budget_id")
    .primaryKey()
    .references(() => budgets.id, { onDelete: "cascade" }),
  duties: jsonb("duties").$type<string[]>().notNull().default([]),
  composition: text("composition").notNull().default(""),
});

/** 内设机构 with 编制. */
export const internalDepartments = pgTable(
  "internal_departments",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    sort: integer("sort").notNull(),
    name: text("name").notNull(),
    duties: text("duties").notNull().default(""),
    staffing: integer("staffing").notNull().default(0),
    leaders: text("leaders").notNull().default(""),
  },
  (t) => [check("internal_departments_staffing_ck", sql`${t.staffing} >= 0`), index().on(t.budgetId)],
);

export const projects = pgTable(
  "projects",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    sort: integer("sort").notNull().default(0),
    name: text("name").notNull(),
    content: text("content").notNull().default(""),
    debtFinanced: boolean("debt_financed").notNull().default(false),
  },
  (t) => [unique("projects_id_budget_uq").on(t.id, t.budgetId), uniqueIndex("projects_budget_name_uq").on(t.budgetId, t.name)],
);

/** The atomic fact: (budget, function 项, dept-economic 款, kind, project?, source, period, amount). */
export const lineItems = pgTable(
  "line_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    budgetId: integer("budget_id").notNull(),
    /** Denormalised from the budget so that codes reference that year's catalogue. */
    year: integer("year").notNull(),
    functionCode: text("function_code").notNull(),
    economicCode: text("economic_code").notNull(),
    kind: text("kind", { enum: ["personnel", "public", "project"] }).notNull(),
    projectId: integer("project_id"),
    source: text("source").notNull(),
    period: text("period", { enum: ["current", "carryover"] }).notNull(),
    amount: money("amount").notNull(),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    foreignKey({ columns: [t.budgetId, t.year], foreignColumns: [budgets.id, budgets.year], name: "line_items_budget_fk" }).onDelete("cascade"),
    foreignKey({ columns: [t.year, t.functionCode], foreignColumns: [functionCodes.year, functionCodes.code], name: "line_items_function_fk" }),
    foreignKey({ columns: [t.year, t.economicCode], foreignColumns: [deptEconomicCodes.year, deptEconomicCodes.code], name: "line_items_economic_fk" }),
    foreignKey({ columns: [t.year, t.source], foreignColumns: [fundingSources.year, fundingSources.code], name: "line_items_source_fk" }),
    foreignKey({ columns: [t.projectId, t.budgetId], foreignColumns: [projects.id, projects.budgetId], name: "line_items_project_fk" }),
    check("line_items_amount_ck", sql.raw(moneyCheck("amount"))),
    check("line_items_function_level_ck", sql`length(${t.functionCode}) = 7`),
    check("line_items_economic_level_ck", sql`length(${t.economicCode}) = 5`),
    check("line_items_project_ck", sql`(${t.kind} = 'project') = (${t.projectId} IS NOT NULL)`),
    index("line_items_budget_idx").on(t.budgetId),
  ],
);

/** 政府采购 items (表14), split 货物/工程/服务 with the share reserved for 中小企业. */
export const procurementItems = pgTable(
  "procurement_items",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id").notNull(),
    year: integer("year").notNull(),
    projectId: integer("project_id"),
    name: text("name").notNull(),
    category: text("category", { enum: ["goods", "works", "services"] }).notNull(),
    source: text("source").notNull(),
    period: text("period", { enum: ["current", "carryover"] }).notNull(),
    amount: money("amount").notNull(),
    smeReserved: money("sme_reserved").notNull().default("0"),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    foreignKey({ columns: [t.budgetId, t.year], foreignColumns: [budgets.id, budgets.year], name: "procurement_items_budget_fk" }).onDelete("cascade"),
    foreignKey({ columns: [t.year, t.source], foreignColumns: [fundingSources.year, fundingSources.code], name: "procurement_items_source_fk" }),
    foreignKey({ columns: [t.projectId, t.budgetId], foreignColumns: [projects.id, projects.budgetId], name: "procurement_items_project_fk" }),
    check("procurement_items_amount_ck", sql.raw(moneyCheck("amount"))),
    check("procurement_items_sme_ck", sql.raw(`${moneyCheck("sme_reserved")} AND sme_reserved <= amount`)),
    index().on(t.budgetId),
  ],
);

/** 政府购买服务 items (表15). */
export const purchasedServiceItems = pgTable(
  "purchased_service_items",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id").notNull(),
    year: integer("year").notNull(),
    functionClassCode: text("function_class_code").notNull(),
    name: text("name").notNull(),
    catalogueCode: text("catalogue_code").notNull().default(""),
    catalogueName: text("catalogue_name").notNull().default(""),
    source: text("source").notNull(),
    period: text("period", { enum: ["current", "carryover"] }).notNull(),
    amount: money("amount").notNull(),
    sort: integer("sort").notNull().default(0),
  },
  (t) => [
    foreignKey({ columns: [t.budgetId, t.year], foreignColumns: [budgets.id, budgets.year], name: "purchased_service_items_budget_fk" }).onDelete("cascade"),
    foreignKey({ columns: [t.year, t.functionClassCode], foreignColumns: [functionCodes.year, functionCodes.code], name: "purchased_service_items_function_fk" }),
    foreignKey({ columns: [t.year, t.source], foreignColumns: [fundingSources.year, fundingSources.code], name: "purchased_service_items_source_fk" }),
    check("purchased_service_items_amount_ck", sql.raw(moneyCheck("amount"))),
    check("purchased_service_items_class_ck", sql`length(${t.functionClassCode}) = 3`),
    index().on(t.budgetId),
  ],
);

/** 绩效目标: project_id null is the unit's overall target (表16), otherwise a project's (表17). */
export const performanceTargets = pgTable(
  "performance_targets",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    projectId: integer("project_id"),
    goal: text("goal").notNull().default(""),
  },
  (t) => [
    unique("performance_targets_budget_project_uq").on(t.budgetId, t.projectId).nullsNotDistinct(),
    foreignKey({ columns: [t.projectId, t.budgetId], foreignColumns: [projects.id, projects.budgetId], name: "performance_targets_project_fk" }).onDelete("cascade"),
  ],
);

/** 表16 年度主要任务 with 预算资金情况. */
export const performanceTasks = pgTable(
  "performance_tasks",
  {
    id: serial("id").primaryKey(),
    targetId: integer("target_id")
      .notNull()
      .references(() => performanceTargets.id, { onDelete: "cascade" }),
    sort: integer("sort").notNull(),
    name: text("name").notNull(),
    /** Typed by hand, or the figure last computed for a linked task (the engine recomputes it). */
    amount: money("amount").notNull(),
    /** The figure a task follows: 人员经费, 公用经费, one project, all projects; null when typed by hand. */
    link: text("link", { enum: ["personnel", "public", "project", "projects"] }).$type<TaskFigure>(),
    linkProjectId: integer("link_project_id").references(() => projects.id, { onDelete: "cascade" }),
  },
  (t) => [
    check("performance_tasks_amount_ck", sql.raw(moneyCheck("amount"))),
    check("performance_tasks_link_ck", sql`${t.link} IS NULL OR ${t.link} IN ('personnel', 'public', 'project', 'projects')`),
    check("performance_tasks_link_project_ck", sql`(${t.link} IS NOT DISTINCT FROM 'project') = (${t.linkProjectId} IS NOT NULL)`),
    index().on(t.targetId),
    index("performance_tasks_link_project_idx").on(t.linkProjectId),
  ],
);

/** Indicator rows: 一级/二级/三级指标, 运算符号, 指标值, 度量单位, 完成时限. */
export const performanceIndicators = pgTable(
  "performance_indicators",
  {
    id: serial("id").primaryKey(),
    targetId: integer("target_id")
      .notNull()
      .references(() => performanceTargets.id, { onDelete: "cascade" }),
    sort: integer("sort").notNull(),
    level1: text("level1").notNull(),
    level2: text("level2").notNull(),
    level3: text("level3").notNull().default(""),
    operator: text("operator").notNull().default(""),
    value: text("value").notNull().default(""),
    unit: text("unit").notNull().default(""),
    deadline: text("deadline").notNull().default(""),
  },
  (t) => [
    check("performance_indicators_operator_ck", sql`${t.operator} IN ('', '=', '>=', '<=', '>', '<')`),
    index().on(t.targetId),
  ],
);

/** 国有资产占有使用情况 per budget. */
export const assets = pgTable(
  "assets",
  {
    budgetId: integer("budget_id")
      .primaryKey()
      .references(() => budgets.id, { onDelete: "cascade" }),
    asOf: date("as_of").notNull(),
    vehiclesMinisterial: integer("vehicles_ministerial").notNull().default(0),
    vehiclesGeneral: integer("vehicles_general").notNull().default(0),
    vehiclesEnforcement: integer("vehicles_enforcement").notNull().default(0),
    vehiclesSpecial: integer("vehicles_special").notNull().default(0),
    vehiclesOther: integer("vehicles_other").notNull().default(0),
    largeEquipment: integer("large_equipment").notNull().default(0),
    note: text("note").notNull().default(""),
  },
  (t) => [
    check(
      "assets_counts_ck",
      sql`${t.vehiclesMinisterial} >= 0 AND ${t.vehiclesGeneral} >= 0 AND ${t.vehiclesEnforcement} >= 0 AND ${t.vehiclesSpecial} >= 0 AND ${t.vehiclesOther} >= 0 AND ${t.largeEquipment} >= 0`,
    ),
  ],
);

/** Reviewer comments; may point at a table row or a line item. */
export const comments = pgTable(
  "comments",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    authorId: integer("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    tableNumber: integer("table_number"),
    rowCode: text("row_code"),
    lineItemId: integer("line_item_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** A reply: the comment it answers (threads are one level deep). */
    parentId: integer("parent_id").references((): AnyPgColumn => comments.id, { onDelete: "cascade" }),
    /** The submission the comment was made on; comments on older submissions are "old". */
    snapshotId: integer("snapshot_id").references(() => budgetSnapshots.id),
    /** What the comment points at, in words, as it was when written (the row may change later). */
    anchorLabel: text("anchor_label").notNull().default(""),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedBy: integer("resolved_by").references(() => users.id),
  },
  (t) => [check("comments_body_ck", sql`length(trim(${t.body})) > 0`), index().on(t.budgetId), index().on(t.parentId)],
);

export const snapshotKinds = ["submission"] as const;
export type SnapshotKind = (typeof snapshotKinds)[number];

/**
 * Frozen copies of a budget's content at a moment of the workflow (kind 'submission': each
 * submission, numbered per budget). Never updated (trigger); the public's copies stay in
 * published_snapshots.
 */
export const budgetSnapshots = pgTable(
  "budget_snapshots",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: snapshotKinds }).notNull(),
    seq: integer("seq").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    createdBy: integer("created_by").references(() => users.id),
    total: money("total").notNull(),
    /** The engine's input as it was frozen (BudgetInput, without the prior year). */
    input: jsonb("input").notNull(),
  },
  (t) => [
    uniqueIndex("budget_snapshots_budget_kind_seq_uq").on(t.budgetId, t.kind, t.seq),
    check("budget_snapshots_kind_ck", sql`${t.kind} IN ('submission')`),
    check("budget_snapshots_seq_ck", sql`${t.seq} >= 1`),
    check("budget_snapshots_total_ck", sql.raw(moneyCheck("total"))),
  ],
);

/** Every mutation: who, when, which action, which entity, before and after. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: integer("user_id").references(() => users.id),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id").notNull(),
    budgetId: integer("budget_id"),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [index("audit_log_budget_idx").on(t.budgetId, t.at), index("audit_log_at_idx").on(t.at)],
);

/**
 * What many snapshots share, stored once (0018): a year's catalogues for one unit type, or a year's
 * glossary, addressed by the SHA-256 of the body's jsonb text. Never updated or deleted.
 */
export const snapshotParts = pgTable(
  "snapshot_parts",
  {
    hash: text("hash").primaryKey(),
    kind: text("kind", { enum: ["catalogs", "glossary"] }).notNull(),
    body: jsonb("body").notNull(),
  },
  (t) => [check("snapshot_parts_kind_ck", sql`${t.kind} IN ('catalogs', 'glossary')`)],
);

const optionalMoneyCheck = (column: string) => sql.raw(`${column} IS NULL OR (${moneyCheck(column)})`);

/** What the public reads: the approved budget, computed and frozen at publication. Never updated. */
export const publishedSnapshots = pgTable(
  "published_snapshots",
  {
    id: serial("id").primaryKey(),
    budgetId: integer("budget_id")
      .notNull()
      .references(() => budgets.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => organisations.id),
    year: integer("year")
      .notNull()
      .references(() => fiscalYears.year),
    revision: integer("revision").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer("published_by").references(() => users.id),
    correctionNote: text("correction_note").notNull().default(""),
    /** Headline figures in 元 for indexes and search, without opening the payload. */
    total: money("total").notNull(),
    /** Σ 基本支出 and Σ 项目支出 of the line items, 元: the series charts read these, not the input. */
    basicTotal: money("basic_total"),
    projectTotal: money("project_total"),
    /** The prior-year total entered with the budget (baseline), 元, for indexes. */
    baselineTotal: money("baseline_total"),
    /**
     * The engine's input as it was approved (BudgetInput), lean: without the parts below, which it
     * names instead of copying. An older or hand-made snapshot may still embed them (null columns).
     */
    input: jsonb("input").notNull(),
    /** The year's catalogues (for the unit's type) the snapshot was approved with. */
    catalogsHash: text("catalogs_hash"),
    glossaryHash: text("glossary_hash"),
    /** The prior year's published snapshot whose figures this one states (its `priorBudget`). */
    priorSnapshotId: integer("prior_snapshot_id"),
  },
  (t) => [
    uniqueIndex("published_snapshots_budget_uq").on(t.budgetId),
    uniqueIndex("published_snapshots_unit_year_rev_uq").on(t.unitId, t.year, t.revision),
    check("published_snapshots_total_ck", sql.raw(moneyCheck("total"))),
    check("published_snapshots_basic_total_ck", optionalMoneyCheck("basic_total")),
    check("published_snapshots_project_total_ck", optionalMoneyCheck("project_total")),
    check("published_snapshots_baseline_total_ck", optionalMoneyCheck("baseline_total")),
    index("published_snapshots_year_idx").on(t.year),
    index("published_snapshots_year_unit_idx").on(t.year.desc(), t.unitId, t.revision.desc()),
    index("published_snapshots_published_at_idx").on(t.publishedAt.desc(), t.id.desc()),
    foreignKey({ columns: [t.catalogsHash], foreignColumns: [snapshotParts.hash], name: "published_snapshots_catalogs_hash_fk" }),
    foreignKey({ columns: [t.glossaryHash], foreignColumns: [snapshotParts.hash], name: "published_snapshots_glossary_hash_fk" }),
    foreignKey({ columns: [t.priorSnapshotId], foreignColumns: [t.id], name: "published_snapshots_prior_fk" }),
  ],
);
