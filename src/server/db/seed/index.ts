import { and, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "../client";
import * as s from "../schema";
import type { BudgetInput } from "@/lib/budget/types";
import { hashPassword } from "../../auth/password";
import { insertBudgetContent, createSnapshot } from "../../queries/budget-write";
import { catalogSeedRows, SAMPLE_YEARS } from "./catalog-rows";
import { sampleBudgets, sampleOrganisations, type SampleBudget } from "./sample";

export const DEMO_PASSWORD = "demo-2024";

/** Demo accounts listed in the README. */
export const DEMO_USERS = [
  { username: "preparer", displayName: "事务服务中心填报员", role: "preparer", organisationCode: "023002" },
  { username: "preparer2", displayName: "示例文化馆填报员", role: "preparer", organisationCode: "031901" },
  { username: "reviewer", displayName: "区人社局审核员", role: "reviewer", organisationCode: "023" },
  { username: "reviewer2", displayName: "区文旅局审核员", role: "reviewer", organisationCode: "031" },
  { username: "admin", displayName: "区财政局系统管理员", role: "admin", organisationCode: "210102000" },
] as const;

export async function isSeeded(db: DbOrTx): Promise<boolean> {
  const r = await db.select({ id: s.users.id }).from(s.users).where(eq(s.users.username, "admin")).limit(1);
  return r.length > 0;
}

async function seedCatalogs(tx: DbOrTx) {
  for (const year of SAMPLE_YEARS) {
    await tx.insert(s.fiscalYears).values({ year, label: `${year} 年度` }).onConflictDoNothing();
    const rows = catalogSeedRows(year);
    // Parents before children: the catalogue's self-references are checked row by row.
    for (const level of [3, 5, 7]) {
      const fx = rows.functionCodes.filter((c) => c.code.length === level);
      if (fx.length) await tx.insert(s.functionCodes).values(fx).onConflictDoNothing();
    }
    for (const level of [3, 5]) {
      const dx = rows.deptEconomicCodes.filter((c) => c.code.length === level);
      if (dx.length) await tx.insert(s.deptEconomicCodes).values(dx).onConflictDoNothing();
      const gx = rows.govEconomicCodes.filter((c) => c.code.length === level);
      if (gx.length) await tx.insert(s.govEconomicCodes).values(gx).onConflictDoNothing();
    }
    await tx.insert(s.economicMappings).values(rows.economicMappings).onConflictDoNothing();
    await tx.insert(s.fundingSources).values(rows.fundingSources).onConflictDoNothing();
    await tx.insert(s.glossaryEntries).values(rows.glossary).onConflictDoNothing();
  }
}

async function seedOrganisations(tx: DbOrTx): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  const add = async (values: typeof s.organisations.$inferInsert) => {
    await tx.insert(s.organisations).values(values).onConflictDoNothing();
    const [row] = await tx.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, values.code));
    if (!row) throw new Error(`organisation ${values.code} missing`);
    ids.set(values.code, row.id);
    return row.id;
  };
  for (const region of sampleOrganisations()) {
    const regionId = await add({ kind: "region", code: region.code, name: region.name });
    for (const [di, d] of region.departments.entries()) {
      const departmentId = await add({ kind: "department", parentId: regionId, code: d.code, name: d.name, sort: di + 1 });
      for (const [ui, u] of d.units.entries()) {
        await add({ kind: "unit", parentId: departmentId, code: u.code, name: u.name, shortName: u.shortName ?? null, unitType: u.type, sort: ui + 1 });
      }
    }
    for (const year of SAMPLE_YEARS) {
      await tx.insert(s.regionYearSettings).values({ regionId, year, amountUnit: "wan" }).onConflictDoNothing();
    }
  }
  return ids;
}

async function seedUsers(tx: DbOrTx, orgIds: Map<string, number>) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const u of DEMO_USERS) {
    const organisationId = orgIds.get(u.organisationCode);
    if (organisationId === undefined) throw new Error(`organisation ${u.organisationCode} missing`);
    await tx
      .insert(s.users)
      .values({ username: u.username, displayName: u.displayName, role: u.role, organisationId, passwordHash })
      .onConflictDoNothing();
  }
}

function budgetDates(b: SampleBudget) {
  // Submitted in the December before the year; 批复 and publication as the sample says.
  const submittedAt = new Date(Date.UTC(b.input.year - 1, 11, 10, 2));
  const publishedAt = b.publishedOn ? new Date(`${b.publishedOn}T10:00:00+08:00`) : null;
  return { submittedAt, approvedOn: b.approvedOn, publishedAt };
}

/** Insert one sample budget in its workflow state, unless (unit, year, revision) is already there. */
async function seedBudget(tx: DbOrTx, unitId: number, b: SampleBudget, reviewerId: number | null): Promise<boolean> {
  const { input, status } = b;
  const exists = await tx
    .select({ id: s.budgets.id })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, input.year), eq(s.budgets.revision, input.revision)));
  if (exists.length) return false;
  const dates = budgetDates(b);
  const [budget] = await tx
    .insert(s.budgets)
    .values({
      unitId,
      year: input.year,
      revision: input.revision,
      status: "draft",
      baselineTotal: input.baseline?.total ?? null,
      baselineSanggong: input.baseline?.sanggong ?? null,
      totalChangeReason: input.narrative.totalChangeReason,
      sanggongChangeReason: input.narrative.sanggongChangeReason,
      overview: input.narrative.overview,
    })
    .returning({ id: s.budgets.id });
  const budgetId = budget!.id;
  const { lineIds } = await insertBudgetContent(tx, budgetId, input.year, input);
  await tx
    .update(s.budgets)
    .set({
      status,
      submittedAt: status === "draft" ? null : dates.submittedAt,
      approvedOn: dates.approvedOn,
      publishedAt: dates.publishedAt,
    })
    .where(eq(s.budgets.id, budgetId));
  if (reviewerId !== null && b.reviewComment) {
    await tx.insert(s.comments).values({ budgetId, authorId: reviewerId, body: b.reviewComment });
  }
  if (reviewerId !== null) {
    for (const c of b.rowComments) {
      await tx.insert(s.comments).values({ budgetId, authorId: reviewerId, body: c.comment, lineItemId: lineIds.get(c.lineId) ?? null });
    }
  }
  if (status === "published") await createSnapshot(tx, budgetId, reviewerId, dates.publishedAt ?? new Date());
  await tx.insert(s.auditLog).values({
    userId: null,
    action: "seed",
    entity: "budget",
    entityId: String(budgetId),
    budgetId,
    after: { status, year: input.year, unit: input.unit.code },
  });
  return true;
}

/**
 * Load the catalogues, organisations, demo accounts and sample budgets. Idempotent: what is
 * already there (by code, username, or unit/year/revision) is left as it is.
 */
export async function seedDatabase(db: Db): Promise<string> {
  return db.transaction(async (tx) => {
    await seedCatalogs(tx);
    const orgIds = await seedOrganisations(tx);
    await seedUsers(tx, orgIds);
    const reviewerOf = new Map<string, number>();
    for (const u of await tx.select({ id: s.users.id, username: s.users.username }).from(s.users)) reviewerOf.set(u.username, u.id);
    let added = 0;
    // Oldest first, so that a published year is in place before the next year snapshots its prior.
    const budgets = [...sampleBudgets()].sort((a, b) => a.input.year - b.input.year);
    for (const b of budgets) {
      const unitId = orgIds.get(b.input.unit.code);
      if (unitId === undefined) throw new Error(`unit ${b.input.unit.code} missing`);
      const actor = reviewerOf.get(b.departmentCode === "031" ? "reviewer2" : "reviewer") ?? null;
      if (await seedBudget(tx, unitId, b, actor)) added += 1;
    }
    const [{ n } = { n: 0 }] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM budgets`);
    return `新增预算 ${added} 份，共 ${n} 份；演示账号 ${DEMO_USERS.map((u) => u.username).join("、")}，密码 ${DEMO_PASSWORD}`;
  });
}

export type { BudgetInput };
