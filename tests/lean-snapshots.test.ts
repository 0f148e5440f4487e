/**
 * Lean snapshots (migrations 0018, 0019): a snapshot published in the old, self-contained form
 * (catalogues, glossary and the prior year's input copied in) converts to the lean form, and every
 * public page's data and document, every open-data JSON and CSV is byte-for-byte the same
 * afterwards. The snapshots are published by the product's own path (the seed), then rewritten to
 * the form the previous version stored, then converted by the migration's own SQL file.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import { sql } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { seedDatabase } from "@/server/db/seed";
import { queryRows } from "@/server/db/client";
import { directData, type PublicData } from "@/server/public/data";
import { departmentView, homeView, unitView, yearView } from "@/server/public/views";
import { handleDepartment, handleDepartmentCsv, handleIndex, handleUnit, handleUnitCsv } from "@/server/public/open-api";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { renderToHtml } from "@/components/disclosure/static-html";
import { getSnapshotInput } from "@/server/queries/public";

const ORIGIN = "http://open.test";
let t: TestDatabase;
let data: PublicData;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  data = directData(t.db);
}, 600_000);
afterAll(async () => t?.close());

interface SnapRow {
  id: number;
  year: number;
  revision: number;
  unit_code: string;
  department_code: string;
}

async function snapshots(): Promise<SnapRow[]> {
  return queryRows<SnapRow>(
    t.db,
    sql`SELECT p.id, p.year, p.revision, u.code AS unit_code, d.code AS department_code
        FROM published_snapshots p JOIN organisations u ON u.id = p.unit_id JOIN organisations d ON d.id = u.parent_id
        ORDER BY p.id`,
  );
}

async function body(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return res.text();
}

/** Everything the public reads, as text, keyed by what it is. */
async function renderAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const get = (p: string) => new Request(`${ORIGIN}${p}`);
  out.set("home", JSON.stringify(await homeView(data)));
  out.set("index", await body(await handleIndex(data, get("/api/open/v1/budgets"))));
  const rows = await snapshots();
  const years = [...new Set(rows.map((r) => r.year))];
  const departments = [...new Set(rows.map((r) => `${r.year}:${r.department_code}`))];
  for (const y of years) out.set(`year ${y}`, JSON.stringify(await yearView(data, y)));
  for (const key of departments) {
    const [y, code] = key.split(":") as [string, string];
    const v = (await departmentView(data, Number(y), code))!;
    out.set(`dept ${key} view`, JSON.stringify(v));
    out.set(`dept ${key} html`, renderToHtml(createElement(DisclosureDocument, { d: v.disclosure, options: {} })));
    out.set(`dept ${key} json`, await body(await handleDepartment(data, get(`/api/open/v1/departments/${y}/${code}`), { year: y, department: code })));
    out.set(
      `dept ${key} csv 3`,
      await body(await handleDepartmentCsv(data, get(`/api/open/v1/departments/${y}/${code}/tables/3.csv`), { year: y, department: code, table: "3.csv" })),
    );
  }
  for (const r of rows) {
    const v = await unitView(data, r.year, r.unit_code, r.revision);
    expect(v, `${r.year} ${r.unit_code} r${r.revision}`).not.toBeNull();
    out.set(`unit ${r.id} view`, JSON.stringify(v));
    out.set(`unit ${r.id} html`, renderToHtml(createElement(DisclosureDocument, { d: v!.disclosure, options: {} })));
    const q = `?revision=${r.revision}`;
    const year = String(r.year);
    out.set(`unit ${r.id} json`, await body(await handleUnit(data, get(`/api/open/v1/budgets/${year}/${r.unit_code}${q}`), { year, unit: r.unit_code })));
    for (const n of [1, 8, 17])
      out.set(
        `unit ${r.id} csv ${n}`,
        await body(await handleUnitCsv(data, get(`/api/open/v1/budgets/${year}/${r.unit_code}/tables/${n}.csv${q}`), { year, unit: r.unit_code, table: `${n}.csv` })),
      );
  }
  return out;
}

/** Run one migration file's statements, as the migrator does. */
async function runMigration(file: string) {
  const text = fs.readFileSync(path.resolve("drizzle", file), "utf8");
  await t.db.transaction(async (tx) => {
    for (const statement of text.split("--> statement-breakpoint")) if (statement.trim()) await tx.execute(sql.raw(statement));
  });
}

async function storedBytes(): Promise<number> {
  const [r] = await queryRows<{ bytes: string }>(t.db, sql`SELECT sum(pg_column_size(input))::text AS bytes FROM published_snapshots`);
  return Number(r!.bytes);
}

describe("the lean-snapshot migration", () => {
  it("publishing stores lean snapshots that name their shared parts and prior year", async () => {
    const [r] = await queryRows<{ n: number; lean: number; prior: number; parts: number }>(
      t.db,
      sql`SELECT count(*)::int AS n,
                 count(*) FILTER (WHERE catalogs_hash IS NOT NULL AND glossary_hash IS NOT NULL AND NOT input ? 'catalogs' AND NOT input ? 'priorBudget')::int AS lean,
                 count(prior_snapshot_id)::int AS prior,
                 (SELECT count(*)::int FROM snapshot_parts) AS parts
          FROM published_snapshots`,
    );
    expect(r!.n).toBeGreaterThan(10);
    expect(r!.lean).toBe(r!.n);
    expect(r!.prior).toBeGreaterThan(0);
    expect(r!.parts).toBeLessThan(r!.n);
    await expect(t.db.execute(sql`UPDATE snapshot_parts SET kind = kind`)).rejects.toThrow();
    await expect(t.db.execute(sql`DELETE FROM snapshot_parts`)).rejects.toThrow();
  });

  it("converts snapshots stored whole and leaves every page, JSON and CSV byte-for-byte equal", async () => {
    const before = await renderAll();
    const rows = await snapshots();
    const full = new Map<number, unknown>();
    for (const r of rows) full.set(r.id, await getSnapshotInput(t.db, r.id));

    // The form the previous version stored: the whole input, its prior year included.
    await t.db.transaction(async (tx) => {
      await tx.execute(sql`ALTER TABLE published_snapshots DISABLE TRIGGER published_snapshots_immutable`);
      for (const r of rows)
        await tx.execute(sql`
          UPDATE published_snapshots SET input = ${JSON.stringify(full.get(r.id))}::jsonb,
            catalogs_hash = NULL, glossary_hash = NULL, prior_snapshot_id = NULL,
            basic_total = NULL, project_total = NULL, baseline_total = NULL
          WHERE id = ${r.id}`);
      await tx.execute(sql`ALTER TABLE published_snapshots ENABLE TRIGGER published_snapshots_immutable`);
    });
    const whole = await storedBytes();
    for (const r of rows) expect(await getSnapshotInput(t.db, r.id)).toEqual(full.get(r.id));

    await runMigration("0019_lean_snapshots_convert.sql");

    const lean = await storedBytes();
    expect(lean * 3).toBeLessThanOrEqual(whole);
    const after = await renderAll();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [key, text] of before) expect(after.get(key), key).toBe(text);
    // Still immutable afterwards.
    await expect(t.db.execute(sql`UPDATE published_snapshots SET correction_note = 'x'`)).rejects.toThrow();
  }, 300_000);
});
