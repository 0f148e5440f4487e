/**
 * The disclosure as PDF, generated on the server from a published snapshot: real text (read back
 * with a PDF parser), embedded subset Chinese font, the 17 tables and the texts in the seed's order,
 * page numbers, tables' headers repeated on continuation pages.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PDFParse } from "pdf-parse";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { seedDatabase } from "@/server/db/seed";
import { directData, type PublicData } from "@/server/public/data";
import { handleDepartmentPdf, handleUnitPdf } from "@/server/public/pdf";
import { unitView } from "@/server/public/views";

let t: TestDatabase;
let data: PublicData;
const get = (path: string, headers: Record<string, string> = {}) => new Request(`http://pdf.test${path}`, { headers });

async function textOf(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const parser = new PDFParse({ data: bytes });
  const r = await parser.getText();
  await parser.destroy();
  return { text: r.text, pages: r.total };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  data = directData(t.db);
});
afterAll(async () => t?.close());

describe("GET /budgets/{year}/{unitCode}.pdf", () => {
  it("is the whole reference disclosure with real, searchable text in an embedded subset font", async () => {
    const res = await handleUnitPdf(data, get("/budgets/2024/023002.pdf"), { year: "2024", file: "023002.pdf" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("content-disposition")).toContain("2024-023002.pdf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    const raw = Buffer.from(bytes).toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    // An embedded, subset font (pdfkit names subsets with a six-letter tag).
    expect(raw).toMatch(/\/FontFile[23]?/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+/);

    const { text, pages } = await textOf(bytes);
    const flat = text.replace(/\s+/g, "");
    // The seed's totals, as the page prints them.
    for (const figure of ["5,114.04", "4,030.90", "1,083.14", "4,313.38", "800.66"]) expect(flat).toContain(figure);
    // The parts in the seed's order, every table once as a heading.
    const order = ["第一部分", "第二部分", "第三部分", "第四部分"].map((p) => flat.indexOf(p, flat.indexOf("第四部分名词解释") + 1));
    for (const i of order) expect(i).toBeGreaterThan(0);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const view = (await unitView(data, 2024, "023002"))!;
    const titles = new Set([...flat.matchAll(/表(\d{1,2})(?=[^\d（])/g)].map((m) => Number(m[1])));
    for (const table of view.disclosure.tables) {
      expect(titles.has(table.number)).toBe(true);
      expect(flat).toContain(`表${table.number}${table.title}`.replace(/\s+/g, ""));
    }
    expect(flat).toContain("和平区人力资源和社会保障事务服务中心2024年收支总预算5114.04万元");
    expect(flat).toContain("名词解释");
    // Page numbers.
    expect(flat).toContain(`第1页共${pages}页`);
    expect(flat).toContain(`第${pages}页共${pages}页`);
    // A table that runs over a page says so and repeats its header.
    expect(flat).toMatch(/表\d{1,2}[^（]{2,30}（续）/);
  });

  it("answers 304 to its ETag, 404 for what is not published", async () => {
    const first = await handleUnitPdf(data, get("/budgets/2024/023002.pdf"), { year: "2024", file: "023002.pdf" });
    const etag = first.headers.get("etag")!;
    const again = await handleUnitPdf(data, get("/budgets/2024/023002.pdf", { "If-None-Match": etag }), { year: "2024", file: "023002.pdf" });
    expect(again.status).toBe(304);
    expect((await handleUnitPdf(data, get("/budgets/2026/023002.pdf"), { year: "2026", file: "023002.pdf" })).status).toBe(404);
    expect((await handleUnitPdf(data, get("/budgets/2024/023002.pdx"), { year: "2024", file: "023002.pdx" })).status).toBe(404);
  });

  it("a department's consolidated disclosure too", async () => {
    const res = await handleDepartmentPdf(data, get("/budgets/2024/departments/023.pdf"), { year: "2024", file: "023.pdf" });
    expect(res.status).toBe(200);
    const { text } = await textOf(new Uint8Array(await res.arrayBuffer()));
    expect(text.replace(/\s+/g, "")).toContain("沈阳市和平区人力资源和社会保障局2024年部门预算（部门汇总）");
    expect((await handleDepartmentPdf(data, get("/budgets/2024/departments/999.pdf"), { year: "2024", file: "999.pdf" })).status).toBe(404);
  });
});
