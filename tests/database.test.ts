import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import * as s from "@/server/db/schema";
import { queryRows } from "@/server/db/client";
import { seedDatabase } from "@/server/db/seed";

let t: TestDatabase;
let budgetId: number;
let unitId: number;
let draftId: number;

/** The PostgreSQL error (code and constraint) behind a failed drizzle query, on either engine. */
async function pgError(p: Promise<unknown>): Promise<{ code?: string; constraint?: string; message: string }> {
  try {
    await p;
  } catch (error) {
    let e = error as { code?: string; constraint?: string; message: string; cause?: unknown };
    while (e.cause && !e.code) e = e.cause as typeof e;
    return { code: e.code, constraint: e.constraint, message: e.message };
  }
  throw new Error("expected the database to refuse this");
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  const [unit] = await t.db.select().from(s.organisations).where(eq(s.organisations.code, "023002"));
  unitId = unit!.id;
  const [b] = await t.db.select().from(s.budgets).where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, 2024)));
  budgetId = b!.id;
  // A draft of another revision takes the inserts that the schema must judge.
  const [draft] = await t.db.insert(s.budgets).values({ unitId, year: 2024, revision: 9 }).returning({ id: s.budgets.id });
  draftId = draft!.id;
});
afterAll(async () => t?.close());

function line(amount: string, overrides: Partial<typeof s.lineItems.$inferInsert> = {}) {
  return t.db.insert(s.lineItems).values({
    budgetId: draftId,
    year: 2024,
    functionCode: "2080150",
    economicCode: "30201",
    kind: "public",
    source: "gpb",
    period: "current",
    amount,
    ...overrides,
  });
}

describe("the schema refuses bad data", () => {
  it("accepts an exact amount in 元 and keeps it exact", async () => {
    const [row] = await line("12345678901234.56").returning({ id: s.lineItems.id, amount: s.lineItems.amount });
    expect(row!.amount).toBe("12345678901234.56");
    await t.db.delete(s.lineItems).where(eq(s.lineItems.id, row!.id));
  });

  it("refuses a negative amount", async () => {
    const e = await pgError(line("-0.01"));
    expect(e.code).toBe("23514");
    expect(e.constraint).toBe("line_items_amount_ck");
  });

  it("refuses an amount finer than 分", async () => {
    const e = await pgError(line("0.001"));
    expect(e.code).toBe("23514");
    expect(e.constraint).toBe("line_items_amount_ck");
  });

  it("refuses a function code unknown in that year's catalogue", async () => {
    const e = await pgError(line("1.00", { functionCode: "2089999" }));
    expect(e.code).toBe("23503");
    expect(e.constraint).toBe("line_items_function_fk");
  });

  it("refuses an economic code unknown in that year's catalogue", async () => {
    const e = await pgError(line("1.00", { economicCode: "30298" }));
    expect(e.code).toBe("23503");
    expect(e.constraint).toBe("line_items_economic_fk");
  });

  it("refuses a 项目支出 line without a project", async () => {
    const e = await pgError(line("1.00", { kind: "project" }));
    expect(e.constraint).toBe("line_items_project_ck");
  });

  it("refuses a second budget for the same (unit, year, revision)", async () => {
    const e = await pgError(t.db.insert(s.budgets).values({ unitId, year: 2024, revision: 1 }));
    expect(e.code).toBe("23505");
    expect(e.constraint).toBe("budgets_unit_year_revision_uq");
  });

  it("allows a new revision of the same unit and year", async () => {
    const [b] = await t.db.insert(s.budgets).values({ unitId, year: 2024, revision: 2 }).returning({ id: s.budgets.id });
    expect(b!.id).toBeGreaterThan(0);
    await t.db.delete(s.budgets).where(eq(s.budgets.id, b!.id));
  });

  it("refuses to change the line items of a published budget, even in plain SQL", async () => {
    const e = await pgError(t.db.execute(sql`UPDATE line_items SET amount = amount + 1 WHERE budget_id = ${budgetId}`));
    expect(e.message).toMatch(/已发布，内容不可修改/);
    const ins = await pgError(line("1.00", { budgetId }));
    expect(ins.message).toMatch(/已发布，内容不可修改/);
  });

  it("refuses to update or delete a published snapshot, even in plain SQL", async () => {
    const [snap] = await t.db.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.budgetId, budgetId));
    expect(snap).toBeDefined();
    const upd = await pgError(t.db.execute(sql`UPDATE published_snapshots SET total = 0 WHERE id = ${snap!.id}`));
    expect(upd.message).toMatch(/已发布的预算快照不可修改/);
    const del = await pgError(t.db.execute(sql`DELETE FROM published_snapshots WHERE id = ${snap!.id}`));
    expect(del.message).toMatch(/已发布的预算快照不可修改/);
    const [after] = await t.db.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.id, snap!.id));
    expect(after!.total).toBe(snap!.total);
  });
});

describe("the sample data", () => {
  it("holds the reference unit's 2024 budget, published, with the seed's totals in 元", async () => {
    const [b] = await t.db.select().from(s.budgets).where(eq(s.budgets.id, budgetId));
    expect(b!.status).toBe("published");
    expect(b!.baselineTotal).toBe("54331700.00");
    const [sum] = await queryRows<{ total: string; current: string; carryover: string }>(
      t.db,
      sql`SELECT sum(amount)::text AS total,
                 sum(amount) FILTER (WHERE period = 'current')::text AS current,
                 sum(amount) FILTER (WHERE period = 'carryover')::text AS carryover
          FROM line_items WHERE budget_id = ${budgetId}`,
    );
    expect(sum).toEqual({ total: "51140400.00", current: "40309000.00", carryover: "10831400.00" });
    const [snap] = await t.db.select().from(s.publishedSnapshots).where(eq(s.publishedSnapshots.budgetId, budgetId));
    expect(snap!.total).toBe("51140400.00");
    const departments = await t.db.select().from(s.internalDepartments).where(eq(s.internalDepartments.budgetId, budgetId));
    expect(departments.map((d) => d.staffing)).toEqual([8, 9, 8, 5, 7, 7, 6]);
  });

  it("has fictional budgets in every workflow state and the demo accounts", async () => {
    const states = await queryRows<{ status: string }>(t.db, sql`SELECT DISTINCT status FROM budgets ORDER BY status`);
    expect(states.map((r) => r.status)).toEqual(["approved", "draft", "published", "returned", "submitted"]);
    const users = await t.db.select({ username: s.users.username, role: s.users.role }).from(s.users);
    expect(users.map((u) => u.username).sort()).toEqual(["admin", "preparer", "preparer2", "reviewer", "reviewer2"]);
  });

  it("is idempotent: seeding again adds nothing and changes nothing", async () => {
    const count = async () =>
      (await queryRows<{ b: number; l: number; u: number }>(
        t.db,
        sql`SELECT (SELECT count(*)::int FROM budgets) AS b, (SELECT count(*)::int FROM line_items) AS l, (SELECT count(*)::int FROM users) AS u`,
      ))[0];
    const before = await count();
    await seedDatabase(t.db);
    expect(await count()).toEqual(before);
  });
});

describe("amounts read back", () => {
  it("come in their exact two-decimal form, whatever scale they were written with", async () => {
    const rows = await line("1.100").returning({ id: s.lineItems.id });
    const [whole] = await line("5").returning({ id: s.lineItems.id });
    const read = await t.db
      .select({ id: s.lineItems.id, amount: s.lineItems.amount })
      .from(s.lineItems)
      .where(sql`${s.lineItems.id} IN (${rows[0]!.id}, ${whole!.id})`);
    expect(read.map((r) => r.amount).sort()).toEqual(["1.10", "5.00"]);
    await t.db.delete(s.lineItems).where(sql`${s.lineItems.id} IN (${rows[0]!.id}, ${whole!.id})`);
  });
});
