/**
 * Lists that page (issue 15): the open-data index through `next` to the end, every published
 * budget exactly once, in a stable order; the department page's unit list in pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { directData, type PublicData } from "@/server/public/data";
import { INDEX_DEFAULT_LIMIT, INDEX_MAX_LIMIT, handleIndex } from "@/server/public/open-api";
import { paginate } from "@/server/public/views";

const ORIGIN = "http://open.test";
let t: TestDatabase;
let data: PublicData;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  data = directData(t.db);
}, 600_000);
afterAll(async () => t?.close());

interface IndexPage {
  count: number;
  limit: number;
  next?: string;
  budgets: { unit: { code: string }; year: number; revision: number }[];
}

async function walk(first: string): Promise<{ pages: IndexPage[]; keys: string[] }> {
  const pages: IndexPage[] = [];
  let url: string | undefined = `${ORIGIN}${first}`;
  while (url) {
    const res = await handleIndex(data, new Request(url));
    expect(res.status).toBe(200);
    const page = (await res.json()) as IndexPage;
    pages.push(page);
    expect(page.count).toBe(page.budgets.length);
    expect(pages.length).toBeLessThan(100);
    url = page.next;
    if (url) expect(url.startsWith(`${ORIGIN}/api/open/v1/budgets?`)).toBe(true);
  }
  return { pages, keys: pages.flatMap((p) => p.budgets.map((b) => `${b.year}:${b.unit.code}`)) };
}

describe("the open-data index pages", () => {
  it("walks through `next` to the end with every published budget exactly once, in a stable order", async () => {
    const published = await t.db.select({ id: s.budgets.id }).from(s.budgets).where(eq(s.budgets.status, "published"));
    for (const limit of [1, 5, 7]) {
      const { pages, keys } = await walk(`/api/open/v1/budgets?limit=${limit}`);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys.length).toBe(published.length);
      expect(pages.length).toBe(Math.ceil(published.length / limit));
      for (const p of pages.slice(0, -1)) expect(p.budgets.length).toBe(limit);
      // No `next` on the last page.
      expect("next" in pages[pages.length - 1]!).toBe(false);
      // Newest year first, then unit code: the same order as one big page.
      const whole = await walk(`/api/open/v1/budgets?limit=${INDEX_MAX_LIMIT}`);
      expect(whole.pages).toHaveLength(1);
      expect(keys).toEqual(whole.keys);
      const sorted = [...whole.pages[0]!.budgets].sort((a, b) => b.year - a.year || a.unit.code.localeCompare(b.unit.code));
      expect(whole.pages[0]!.budgets).toEqual(sorted);
    }
  });

  it("pages a filtered index too, keeping the filter in `next`", async () => {
    const { pages, keys } = await walk("/api/open/v1/budgets?year=2024&limit=2");
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]!.next).toContain("year=2024");
    for (const k of keys) expect(k.startsWith("2024:")).toBe(true);
    const all = await data.published({ year: 2024 });
    expect([...keys].sort()).toEqual(all.map((r) => `${r.year}:${r.unitCode}`).sort());
  });

  it("states its default and maximum and refuses anything else", async () => {
    const res = (await (await handleIndex(data, new Request(`${ORIGIN}/api/open/v1/budgets`))).json()) as IndexPage;
    expect(res.limit).toBe(INDEX_DEFAULT_LIMIT);
    for (const bad of ["0", "-1", "abc", String(INDEX_MAX_LIMIT + 1), "1.5"]) {
      const r = await handleIndex(data, new Request(`${ORIGIN}/api/open/v1/budgets?limit=${bad}`));
      expect(r.status, bad).toBe(400);
    }
    const badCursor = await handleIndex(data, new Request(`${ORIGIN}/api/open/v1/budgets?after=xyz`));
    expect(badCursor.status).toBe(400);
  });
});

describe("unit lists in pages", () => {
  it("splits a list in pages of a stated size and refuses pages that do not exist", () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    expect(paginate(items, undefined)).toMatchObject({ page: 1, pages: 3, total: 120 });
    expect(paginate(items, undefined)!.items).toHaveLength(50);
    expect(paginate(items, "3")!.items).toEqual(items.slice(100));
    expect(paginate(items, "4")).toBeNull();
    expect(paginate(items, "0")).toBeNull();
    expect(paginate(items, ["1", "2"])).toBeNull();
    expect(paginate([], undefined)).toMatchObject({ page: 1, pages: 1, items: [] });
  });
});
