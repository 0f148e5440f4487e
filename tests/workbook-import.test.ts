/**
 * The workbook round trip and its refusals through the route handlers' functions, against a real
 * database (PGlite in memory, or the PostgreSQL server of DATABASE_URL): export 023002's 2024
 * budget, import it into a 2026 draft, the 17 tables carry the same amounts; bad files are refused
 * with sheet, row and column, and nothing is stored.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, count, eq } from "drizzle-orm";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { sessionUserOf, unitIdOf } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { loadBudgetInput } from "@/server/queries/budget-input";
import { computeDisclosure } from "@/lib/budget";
import { getWorkbook, putWorkbook } from "@/server/http/workbook";
import type { SessionUser } from "@/server/auth/session";
import { SHEETS } from "@/lib/workbook/format";

let t: TestDatabase;
let preparer: SessionUser;
let unitId: number;
let exported: Uint8Array;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  preparer = await sessionUserOf(t.db, "preparer");
  unitId = await unitIdOf(t.db, "023002");
  const res = await getWorkbook(t.db, preparer, { year: "2024", unitCode: "023002" });
  expect(res.status).toBe(200);
  exported = new Uint8Array(await res.arrayBuffer());
}, 120_000);
afterAll(async () => t?.close());

function put(user: SessionUser | null, year: number, body: Uint8Array, headers: Record<string, string> = {}) {
  const request = new Request(`http://test/api/workspace/v1/budgets/${year}/023002/workbook`, { method: "PUT", body: body as BodyInit, headers });
  return putWorkbook(t.db, user, { year: String(year), unitCode: "023002" }, request);
}

async function budgetOf(year: number) {
  const [b] = await t.db.select().from(s.budgets).where(and(eq(s.budgets.unitId, unitId), eq(s.budgets.year, year)));
  return b ?? null;
}

async function lineCount(budgetId: number) {
  const [r] = await t.db.select({ n: count() }).from(s.lineItems).where(eq(s.lineItems.budgetId, budgetId));
  return r?.n ?? 0;
}

/** The 17 tables without what differs by year or by database id. */
function tablesOf(d: ReturnType<typeof computeDisclosure>) {
  return JSON.parse(
    JSON.stringify(d.tables, (key, value) => (key === "projectId" ? undefined : value)).replace(/20(24|26)/g, "YYYY").replace(/20(23|25)/g, "PRIOR"),
  );
}

async function edited(edit: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(exported.slice().buffer);
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("budget workbook over HTTP", () => {
  it("answers 401 without a session and 404 outside the scope", async () => {
    expect((await getWorkbook(t.db, null, { year: "2024", unitCode: "023002" })).status).toBe(401);
    expect((await put(null, 2026, exported)).status).toBe(401);
    const other = await sessionUserOf(t.db, "preparer2");
    expect((await getWorkbook(t.db, other, { year: "2024", unitCode: "023002" })).status).toBe(404);
    expect((await put(other, 2026, exported)).status).toBe(404);
    expect((await put(await sessionUserOf(t.db, "reviewer"), 2026, exported)).status).toBe(403);
  });

  it("refuses bad workbooks cell by cell and stores nothing", async () => {
    const lines = (wb: ExcelJS.Workbook) => wb.getWorksheet(SHEETS.lines)!;
    const cases: [string, Uint8Array, { sheet: string; row?: number; column?: string; message: RegExp }][] = [
      ["malformed file", new TextEncoder().encode("PK garbage"), { sheet: "", message: /不是有效的 Excel/ }],
      ["unknown code", await edited((wb) => (lines(wb).getCell("A2").value = "2089999")), { sheet: SHEETS.lines, row: 2, column: "A", message: /2089999/ }],
      ["three decimals", await edited((wb) => (lines(wb).getCell("I5").value = 100.125)), { sheet: SHEETS.lines, row: 5, column: "I", message: /超过 2 位小数/ }],
      ["text amount", await edited((wb) => (lines(wb).getCell("I6").value = "一百元")), { sheet: SHEETS.lines, row: 6, column: "I", message: /不是数字/ }],
      [
        "empty sheet",
        await edited((wb) => {
          const ws = wb.getWorksheet(SHEETS.procurement)!;
          ws.spliceRows(1, ws.rowCount);
        }),
        { sheet: SHEETS.procurement, row: 1, column: "A", message: /为空/ },
      ],
      [
        "missing project",
        await edited((wb) => {
          const ws = lines(wb);
          ws.eachRow((row, n) => {
            if (n > 1 && row.getCell(5).value === "项目支出" && !ws.getCell(`Z1`).value) {
              row.getCell(6).value = "没有这个项目";
              ws.getCell("Z1").value = n;
            }
          });
        }),
        { sheet: SHEETS.lines, column: "F", message: /没有这个项目/ },
      ],
      [
        "duplicated row",
        await edited((wb) => {
          const ws = lines(wb);
          ws.addRow((ws.getRow(3).values as ExcelJS.CellValue[]).slice(1));
        }),
        { sheet: SHEETS.lines, message: /与第 3 行完全相同/ },
      ],
    ];
    for (const [name, body, expected] of cases) {
      const res = await put(preparer, 2026, body);
      expect(res.status, name).toBe(422);
      const { errors } = (await res.json()) as { errors: { sheet: string; row: number; column: string; message: string }[] };
      expect(errors, name).toEqual(
        expect.arrayContaining([expect.objectContaining({ ...expected, message: expect.stringMatching(expected.message) })]),
      );
    }
    // Nothing stored: no 2026 budget was even created.
    expect(await budgetOf(2026)).toBeNull();
  });

  it("round trip: 2024 exported, imported into a 2026 draft, the 17 tables carry the same amounts", async () => {
    const res = await put(preparer, 2026, exported);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { budgetId: number; version: number; counts: Record<string, number> };
    const b2024 = await budgetOf(2024);
    expect(body.counts.lineItems).toBe(await lineCount(b2024!.id));
    expect(await lineCount(body.budgetId)).toBe(body.counts.lineItems);
    const draft = await budgetOf(2026);
    expect(draft?.status).toBe("draft");

    const before = computeDisclosure(await loadBudgetInput(t.db, b2024!.id));
    const after = computeDisclosure(await loadBudgetInput(t.db, body.budgetId));
    expect(after.summary.total).toBe(before.summary.total);
    expect(tablesOf(after)).toEqual(tablesOf(before));

    // A stale If-Match is refused and changes nothing; the current one is accepted.
    const stale = await put(preparer, 2026, exported, { "If-Match": `"${body.version - 1}"` });
    expect(stale.status).toBe(409);
    expect((await budgetOf(2026))?.version).toBe(body.version);
    const again = await put(preparer, 2026, exported, { "If-Match": `"${body.version}"` });
    expect(again.status).toBe(200);
    expect(await lineCount(body.budgetId)).toBe(body.counts.lineItems);

    // The published 2024 budget is not editable.
    expect((await put(preparer, 2024, exported)).status).toBe(409);
  });
});
