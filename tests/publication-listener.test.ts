/**
 * Several processes on one PostgreSQL server: a publication committed through any of them reaches
 * every process's listener (a trigger NOTIFYs on commit), which clears its public caches.
 * Server only: the embedded engine admits one process.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerOf, rolledBack, submitAcknowledging } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { listenForPublications, type PublicationListener } from "@/server/http/publication-listener";
import { PublicPageCache, registerPublicPageCache } from "@/server/http/page-cache";
import { publicDataGeneration } from "@/server/http/public-generation";
import type { DbOrTx } from "@/server/db/client";

const onServer = Boolean(process.env.DATABASE_URL);
let t: TestDatabase;
const listeners: PublicationListener[] = [];

beforeAll(async () => {
  if (!onServer) return;
  t = await createTestDatabase();
  await seedDatabase(t.db);
});
afterAll(async () => {
  await Promise.all(listeners.map((l) => l.close()));
  await t?.close();
});

/** Correct the seed unit's published 2024 budget and publish the correction. */
async function publishCorrection(db: DbOrTx) {
  const preparer = await callerOf(db, "preparer");
  const reviewer = await callerOf(db, "reviewer");
  const [unit] = await db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, "023002"));
  const [budget] = await db
    .select({ id: s.budgets.id, version: s.budgets.version })
    .from(s.budgets)
    .where(and(eq(s.budgets.unitId, unit?.id ?? 0), eq(s.budgets.year, 2024), eq(s.budgets.status, "published")));
  if (!budget) throw new Error("no published 2024 budget");
  const correction = await preparer.workflow.startCorrection({ budgetId: budget.id, version: budget.version });
  const submitted = await submitAcknowledging(preparer, { budgetId: correction.budgetId, version: correction.version });
  const approved = await reviewer.workflow.approve({ budgetId: submitted.budgetId, version: submitted.version });
  return reviewer.workflow.publish({ budgetId: approved.budgetId, version: approved.version, correctionNote: "更正项目名称" });
}

describe.skipIf(!onServer)("publications across processes (PostgreSQL LISTEN/NOTIFY)", () => {
  it("every listening process hears of a committed publication at once; a rolled-back one is never announced", async () => {
    const heard: string[][] = [[], []];
    for (const inbox of heard) {
      const l = listenForPublications(t.url ?? "", { onChange: (payload) => payload && inbox.push(payload) });
      listeners.push(l);
      await l.ready;
    }
    // This process's own caches, cleared by the default handler.
    const cache = new PublicPageCache();
    registerPublicPageCache(cache);
    cache.store("/budgets/2024/023002", { status: 200, headers: {}, body: Buffer.from("old figures") }, cache.currentGeneration());
    const generation = publicDataGeneration();
    const own = listenForPublications(t.url ?? "");
    listeners.push(own);
    await own.ready;
    cache.store("/budgets/2024/023002", { status: 200, headers: {}, body: Buffer.from("old figures") }, cache.currentGeneration());
    const generationBefore = publicDataGeneration();
    expect(generationBefore).not.toBe(generation); // connecting forgets what may have been missed

    await rolledBack(t.db, publishCorrection);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(heard).toEqual([[], []]);
    expect(cache.size).toBe(1);

    const published = await publishCorrection(t.db);
    await vi.waitFor(() => expect(heard.every((inbox) => inbox.length === 1)).toBe(true), { timeout: 5000, interval: 20 });
    for (const inbox of heard) expect(JSON.parse(inbox[0] ?? "{}")).toMatchObject({ year: 2024, snapshotId: published.snapshotId });
    await vi.waitFor(() => expect(cache.size).toBe(0), { timeout: 5000, interval: 20 });
    expect(publicDataGeneration()).not.toBe(generationBefore);
  });
});
