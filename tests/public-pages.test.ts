/**
 * What the public pages show, against a real database: indexes, department consolidation, the
 * unit page's data and its server-rendered HTML. Only published snapshots ever appear.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { seedDatabase } from "@/server/db/seed";
import { directData, type PublicData } from "@/server/public/data";
import { departmentView, homeView, searchView, unitView, yearView } from "@/server/public/views";
import { Decimal, sumMoney } from "@/lib/money";
import { DisclosureDocument, Contents } from "@/components/disclosure/DisclosureDocument";
import { YearOverYear } from "@/components/disclosure/YearOverYear";
import { RevisionNotice } from "@/components/disclosure/RevisionNotice";
import { renderToHtml } from "@/components/disclosure/static-html";

let t: TestDatabase;
let data: PublicData;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  data = directData(t.db);
});
afterAll(async () => t?.close());

describe("indexes", () => {
  it("the home page lists the years on file, newest first, and nothing unpublished", async () => {
    const v = await homeView(data);
    expect(v.years.map((y) => y.year)).toEqual([2025, 2024, 2023, 2022]);
    expect(v.latestYear).toBe(2025);
    // 2025: 031902 is approved but not published.
    expect(v.departments.find((d) => d.code === "031")?.units).toBe(2);
    const rows2025 = await data.published({ year: 2025, departmentCode: "031" });
    expect(rows2025.map((r) => r.unitCode)).toEqual(["031001", "031901"]);
    expect(v.departments.find((d) => d.code === "031")?.total).toBe(sumMoney(rows2025.map((r) => r.total)).toFixed(2));
    const [ref] = await data.published({ year: 2024, unitCode: "023002" });
    expect(ref).toMatchObject({ year: 2024, total: "51140400.00", priorTotal: "54331700.00", priorBasis: "baseline" });
    // Not every unit: the latest publications, newest first, published ones only.
    expect(v.latest.length).toBeGreaterThan(0);
    expect(v.latest.length).toBeLessThanOrEqual(20);
    const dates = v.latest.map((p) => p.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const p of v.latest) expect(p.year).toBeLessThan(2026);
  });

  it("a year compares like for like with the prior year's figures", async () => {
    expect(await yearView(data, 2026)).toBeNull();
    expect(await yearView(data, 2019)).toBeNull();
    const v = (await yearView(data, 2024))!;
    expect(v.departments.map((d) => [d.code, d.units])).toEqual([
      ["023", 4],
      ["031", 3],
    ]);
    const all = await data.published({ year: 2024 });
    for (const d of v.departments) {
      const mine = all.filter((r) => r.departmentCode === d.code);
      expect(d.total).toBe(sumMoney(mine.map((r) => r.total)).toFixed(2));
      expect(d.prior).toBe(sumMoney(mine.map((r) => r.priorTotal ?? "0")).toFixed(2));
    }
    expect(v.summary.total).toBe(sumMoney(all.map((r) => r.total)).toFixed(2));
    expect(v.summary.prior).toBe(sumMoney(all.map((r) => r.priorTotal ?? "0")).toFixed(2));
    expect(v.summary.unitsWithoutPrior).toBe(0);
  });

  it("search finds units by name or code, takes wildcards literally and shows only published years", async () => {
    const byCode = await searchView(data, "023002");
    expect(byCode.hits.map((r) => [r.unitCode, r.year])).toEqual([["023002", 2024]]);
    const { searchPublished } = await import("@/server/queries/public-search");
    const byName = await searchPublished(t.db, "示例", { pageSize: 100 });
    expect(byName.total).toBeLessThanOrEqual(100);
    expect(byName.total).toBeGreaterThan(0);
    for (const r of byName.hits) expect(r.year).toBeLessThan(2026);
    // 031902: published 2022–2024; its 2025 budget is approved, not published.
    expect(byName.hits.filter((r) => r.unitCode === "031902").map((r) => r.year)).toEqual([2024, 2023, 2022]);
    expect((await searchView(data, "%")).total).toBe(0);
    expect((await searchView(data, "   ")).total).toBe(0);
  });

  it("search finds a project by name, with its amount", async () => {
    const r = await searchView(data, "网络租赁费");
    const hit = r.hits.find((h) => h.unitCode === "023002" && h.year === 2024)!;
    expect(hit.total).toBe("51140400.00");
    expect(hit.matches).toContainEqual(expect.objectContaining({ kind: "project", name: "网络租赁费", amount: "160000.00" }));
  });

  it("search finds a unit by two words, every word somewhere in the same unit and year", async () => {
    const r = await searchView(data, "和平区 就业");
    expect(r.words).toEqual(["和平区", "就业"]);
    const hit = r.hits.find((h) => h.unitCode === "023002" && h.year === 2024)!;
    expect(hit.matches.some((m) => m.name.includes("就业"))).toBe(true);
    for (const h of r.hits) expect(h.unitName.includes("和平区") || h.departmentName.includes("和平区")).toBe(true);
    // Two words that no single unit-year has together find nothing.
    expect((await searchView(data, "网络租赁费 文化馆")).total).toBe(0);
  });

  it("search finds a 功能分类 or 经济分类 code and pages the results", async () => {
    const r = await searchView(data, "2080108");
    const hit = r.hits.find((h) => h.unitCode === "023002" && h.year === 2024)!;
    expect(hit.matches).toContainEqual(expect.objectContaining({ kind: "function", code: "2080108" }));
    const econ = await searchView(data, "30207");
    expect(econ.hits.some((h) => h.matches.some((m) => m.kind === "economic" && m.code === "30207"))).toBe(true);
    // By name too: the names come from the snapshot's catalogues, stored once (lean snapshots).
    const byName = await searchView(data, "邮电费");
    expect(byName.hits.some((h) => h.unitCode === "023002" && h.matches.some((m) => m.kind === "economic" && m.code === "30207"))).toBe(true);
    const fnByName = await searchView(data, "信息化建设");
    expect(fnByName.hits.some((h) => h.unitCode === "023002" && h.year === 2024)).toBe(true);
    const all = await data.search("和平区", 1);
    expect(all.pageSize).toBe(20);
    expect(all.total).toBeGreaterThan(0);
    const { searchPublished } = await import("@/server/queries/public-search");
    const small = await searchPublished(t.db, "和平区", { pageSize: 2, page: 2 });
    expect(small.hits.length).toBeLessThanOrEqual(2);
    expect(small.total).toBe(all.total);
    const big = await searchPublished(t.db, "和平区", { pageSize: 10_000 });
    expect(big.pageSize).toBe(100);
  });

  it("search has pg_trgm's index on both engines (PGlite loads the extension; the server has it in contrib)", async () => {
    const { sql } = await import("drizzle-orm");
    const { queryRows } = await import("@/server/db/client");
    const rows = await queryRows<{ indexname: string }>(
      t.db,
      sql`SELECT indexname FROM pg_indexes WHERE tablename = 'public_search_entries' AND indexname = 'public_search_entries_haystack_trgm'`,
    );
    expect(rows).toHaveLength(1);
  });
});

describe("a department's consolidated budget", () => {
  it("sums its published units with the engine", async () => {
    const v = (await departmentView(data, 2024, "023"))!;
    expect(v.department).toEqual({ code: "023", name: "沈阳市和平区人力资源和社会保障局" });
    const units = v.summary.rows.map((r) => r.unitCode);
    expect(units).toEqual(["023001", "023002", "023901", "023902"]);
    expect(v.disclosure.summary.total).toBe(sumMoney(v.summary.rows.map((r) => r.total)).toFixed(2));
    expect(v.disclosure.tables).toHaveLength(17);
    const t2 = v.disclosure.tables[1]!;
    expect(t2.rows.filter((r) => r.level === "unit").map((r) => r.code).sort()).toEqual(units);
    expect(v.years.map((y) => y.year)).toEqual([2022, 2023, 2024, 2025]);
    expect(v.disclosure.checks.filter((c) => c.severity === "error")).toEqual([]);
  });

  it("does not exist where nothing is published", async () => {
    expect(await departmentView(data, 2026, "023")).toBeNull();
    expect(await departmentView(data, 2024, "999")).toBeNull();
  });

  it("the multi-year series adds the units' published totals", async () => {
    const v = (await departmentView(data, 2025, "031"))!;
    const s2025 = v.series.find((p) => p.year === 2025)!;
    expect(s2025.units).toBe(2);
    expect(s2025.total).toBe(v.summary.total);
    for (const p of v.series) expect(new Decimal(p.basic).plus(p.project).toFixed(2)).toBe(new Decimal(p.total).toFixed(2));
  });
});

describe("a unit's page", () => {
  it("shows the reference unit's published 2024 budget", async () => {
    const v = (await unitView(data, 2024, "023002"))!;
    expect(v.isLatest).toBe(true);
    expect(v.years.map((r) => r.year)).toEqual([2024]);
    expect(v.disclosure.summary.total).toBe("51140400.00");
    expect(v.series).toEqual([{ year: 2024, units: 1, total: "51140400.00", basic: "8006600.00", project: "43133800.00" }]);
  });

  it("does not exist for a draft, submitted, returned or unpublished approved budget", async () => {
    for (const [year, code] of [
      [2026, "023901"],
      [2026, "023001"],
      [2026, "023902"],
      [2026, "031001"],
      [2025, "031902"],
    ] as const) {
      expect(await unitView(data, year, code)).toBeNull();
    }
    expect(await unitView(data, 2024, "023002", 2)).toBeNull();
  });

  it("renders the seed's document order with real tables", async () => {
    const v = (await unitView(data, 2024, "023002"))!;
    const html = renderToStaticMarkup(
      createElement("div", null, [
        createElement(Contents, { key: "c", d: v.disclosure }),
        createElement(DisclosureDocument, { key: "d", d: v.disclosure, options: { csvHref: (n: number) => `/csv/${n}` } }),
        createElement(YearOverYear, { key: "y", d: v.disclosure, series: v.series, subject: "测试单位" }),
      ]),
    );
    // React separates adjacent text nodes with empty comments; read the text without them.
    const text = html.replace(/<!-- -->/g, "");
    const order = ["第一部分", "一、主要职责", "负责全区劳动就业", "二、内设机构", "人员编制 8 名，部长 1 名", "第二部分", "表1", "表17", "第三部分", "第四部分 名词解释", "附：历年预算对比"].map((s) =>
      text.indexOf(s, text.indexOf('id="part-1"')),
    );
    for (let i = 1; i < order.length; i++) expect(order[i]).toBeGreaterThan(order[i - 1]!);
    for (let n = 1; n <= 15; n++) expect(text).toContain(`<caption id="table-${n}-caption" class="sr-only">表${n} `);
    expect(text).toContain("5,114.04");
    expect(text).toContain("减少 319.13");
    expect(text).toContain('scope="colgroup"');
    expect(text).toContain("单位：万元");
    expect(text).toContain("备注：如此表为空表，则表示部门无政府性基金预算安排的支出。");
    // Codes before names, the name cell heads its row.
    expect(text).toMatch(/<td class="col-code sticky-col sticky-0">2080150<\/td><th scope="row" class="col-name sticky-col sticky-1 sticky-last indent-2">事业运行<\/th>/);
    expect(html).toContain('href="/csv/3"');
    expect(html).toContain('<svg viewBox="0 0 640 280" role="img"');
    expect(html).toContain("<title id=\"chart-years-title\">");
  });
});

describe("the cached markup", () => {
  it("renderToHtml writes exactly what react-dom/server writes, for the unit and the department documents", async () => {
    const unit = (await unitView(data, 2024, "023002"))!;
    const dept = (await departmentView(data, 2024, "023"))!;
    for (const [d, series] of [
      [unit.disclosure, unit.series],
      [dept.disclosure, dept.series],
    ] as const) {
      const tree = createElement("div", null, [
        createElement(Contents, { key: "c", d, options: { extraContents: [{ href: "#x", label: "附" }] } }),
        createElement(DisclosureDocument, { key: "d", d, options: { csvHref: (n: number) => `/csv/${n}?a=1&b=2` } }),
        createElement(YearOverYear, { key: "y", d, series: [...series], subject: "测试“单位”<&>" }),
      ]);
      const ours = renderToHtml(tree);
      const react = renderToStaticMarkup(tree).replace(/<!-- -->/g, "");
      expect(ours.length).toBeGreaterThan(50_000);
      expect(ours).toBe(react);
    }
  });
});

describe("corrections on the page", () => {
  const revisions = [
    { revision: 2, publishedAt: "2024-03-01T02:00:00Z", correctionNote: "更正表9项目名称的错字。" },
    { revision: 1, publishedAt: "2024-02-02T02:00:00Z", correctionNote: "" },
  ];
  const render = (shown: number) =>
    renderToStaticMarkup(createElement(RevisionNotice, { year: 2024, unitCode: "023002", revisions, shown })).replace(/<!-- -->/g, "");

  it("lists every revision with its 更正说明 and links to the others", () => {
    const html = render(2);
    expect(html).toContain("本预算已更正，当前为第 2 版");
    expect(html).toContain("更正说明：更正表9项目名称的错字。");
    expect(html).toContain('href="/budgets/2024/023002?revision=1"');
    expect(html).toContain("2024年3月1日发布");
  });

  it("on an earlier revision says so and links to the current one", () => {
    const html = render(1);
    expect(html).toContain("您正在查看已被更正的第 1 版");
    expect(html).toContain('href="/budgets/2024/023002"');
  });

  it("says nothing without a correction", () => {
    const html = renderToStaticMarkup(createElement(RevisionNotice, { year: 2024, unitCode: "023002", revisions: revisions.slice(1), shown: 1 }));
    expect(html).toBe("");
  });
});
