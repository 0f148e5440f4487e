/**
 * docs/year-over-year.md against a real database: a published disclosure keeps the prior-year
 * figures it was published with. Publishing 023002's 2023 budget after its 2024 one (which stated
 * the entered baseline 5,433.17 万元) changes nothing of the 2024 disclosure on any page, in the
 * JSON or in the index, and adds a note to the 2024 unit page's data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createElement } from "react";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { seedDatabase } from "@/server/db/seed";
import * as s from "@/server/db/schema";
import { createSnapshot, insertBudgetContent } from "@/server/queries/budget-write";
import { directData, type PublicData } from "@/server/public/data";
import { departmentView, homeView, unitView, yearView } from "@/server/public/views";
import { handleDepartment, handleIndex, handleUnit } from "@/server/public/open-api";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { renderToHtml } from "@/components/disclosure/static-html";
import { priorLaterNote } from "@/components/disclosure/format";
import { reference023002_2024 } from "@/lib/sample/reference-023002-2024";
import { and, eq } from "drizzle-orm";
import { sessionUserOf } from "./helpers/trpc";
import { startCorrection } from "@/server/services/budgets";

let t: TestDatabase;
let data: PublicData;

const ORIGIN = "http://yoy.test";
const get = (path: string) => new Request(`${ORIGIN}${path}`);

/** A published row without `priorLater`, the one field that is meant to change. */
function stated<T extends { priorLater: unknown }>(row: T): Omit<T, "priorLater"> {
  const copy: Partial<T> = { ...row };
  delete copy.priorLater;
  return copy as Omit<T, "priorLater">;
}

/** Everything the public sees of the 2024 disclosure of 023002 and of its department. */
async function statements2024() {
  const unit = (await unitView(data, 2024, "023002"))!;
  const dept = (await departmentView(data, 2024, "023"))!;
  const year = (await yearView(data, 2024))!;
  const home = await homeView(data);
  const index = (await (await handleIndex(data, get("/api/open/v1/budgets?year=2024"))).json()) as { budgets: unknown[] };
  const unitJson = await (await handleUnit(data, get("/api/open/v1/budgets/2024/023002"), { year: "2024", unit: "023002" })).text();
  const deptJson = await (await handleDepartment(data, get("/api/open/v1/departments/2024/023"), { year: "2024", department: "023" })).text();
  return {
    unitHtml: renderToHtml(createElement(DisclosureDocument, { d: unit.disclosure, options: {} })),
    unitYoy: unit.disclosure.yearOverYear,
    unitExplanation: unit.disclosure.explanation,
    unitRow: stated(unit.row),
    deptHtml: renderToHtml(createElement(DisclosureDocument, { d: dept.disclosure, options: {} })),
    deptYoy: dept.disclosure.yearOverYear,
    deptSummary: { ...dept.summary, rows: dept.summary.rows.map(stated) },
    yearSummary: year.summary,
    yearDepartments: year.departments.map((d) => ({ ...d, rows: d.rows.map(stated) })),
    homeUnit: stated(home.units.find((u) => u.unitCode === "023002")!),
    index: index.budgets,
    unitJson,
    deptJson,
  };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  data = directData(t.db);
});
afterAll(async () => t?.close());

describe("publishing 2023 after 2024", () => {
  it("leaves every statement of the 2024 disclosure unchanged everywhere and adds the note", async () => {
    const before = await statements2024();
    expect(before.unitYoy.basis).toBe("baseline");
    expect(before.unitYoy.total.prior).toBe("54331700.00");
    expect(before.unitRow.priorTotal).toBe("54331700.00");
    expect((await unitView(data, 2024, "023002"))!.row.priorLater).toBeNull();
    expect(await unitView(data, 2023, "023002")).toBeNull();

    // 023002's 2023 budget, published now: the 2024 amounts less 10 % on every line, so its total
    // differs from the baseline the 2024 disclosure states.
    const [unit] = await t.db.select({ id: s.organisations.id }).from(s.organisations).where(eq(s.organisations.code, "023002"));
    const input2023 = {
      ...reference023002_2024,
      year: 2023,
      baseline: null,
      lineItems: reference023002_2024.lineItems.map((l) => ({ ...l, amount: ((BigInt(l.amount.replace(".", "")) * 9n) / 10n).toString().replace(/(\d\d)$/, ".$1") })),
    };
    const snapshotId = await t.db.transaction(async (tx) => {
      const [b] = await tx
        .insert(s.budgets)
        .values({ unitId: unit!.id, year: 2023, revision: 1, status: "draft", totalChangeReason: "", sanggongChangeReason: "", overview: "" })
        .returning({ id: s.budgets.id });
      await insertBudgetContent(tx, b!.id, 2023, input2023);
      await tx.update(s.budgets).set({ status: "published", approvedOn: "2023-01-20", publishedAt: new Date() }).where(eq(s.budgets.id, b!.id));
      return createSnapshot(tx, b!.id, null, new Date());
    });
    expect(snapshotId).toBeGreaterThan(0);
    const published2023 = (await unitView(data, 2023, "023002"))!;
    expect(published2023.disclosure.summary.total).not.toBe("54331700.00");

    const after = await statements2024();
    // Every statement of the 2024 disclosure is as published: page, JSON, index, year page,
    // department page.
    expect(after).toEqual(before);

    // The year page for 2023 now exists; the 2024 unit page notes the later publication.
    expect((await yearView(data, 2023))!.departments.find((d) => d.code === "023")!.rows.map((r) => r.unitCode)).toContain("023002");
    const later = (await unitView(data, 2024, "023002"))!.row.priorLater;
    expect(later).toMatchObject({ revision: 1, total: published2023.disclosure.summary.total });
    const note = priorLaterNote(2023, later!, "54331700.00");
    expect(note).toContain("所列上年数 5,433.17 万元");
    expect(note).toContain("下次更正时将采用");
  });

  it("the next correction of 2024 states the 2023 budget now on the platform", async () => {
    const reviewer = await sessionUserOf(t.db, "reviewer");
    const [published] = await t.db
      .select({ id: s.budgets.id, version: s.budgets.version })
      .from(s.budgets)
      .innerJoin(s.organisations, eq(s.organisations.id, s.budgets.unitId))
      .where(and(eq(s.organisations.code, "023002"), eq(s.budgets.year, 2024), eq(s.budgets.revision, 1)));
    const correction = await startCorrection(t.db, reviewer, { budgetId: published!.id, version: published!.version });
    const correctionId = correction.budgetId;
    await t.db.transaction(async (tx) => {
      await tx.update(s.budgets).set({ status: "published", correctionNote: "采用本平台公开的 2023 年预算", publishedAt: new Date() }).where(eq(s.budgets.id, correctionId));
      await createSnapshot(tx, correctionId, reviewer.id, new Date());
    });
    const v = (await unitView(data, 2024, "023002"))!;
    expect(v.shown.revision).toBe(2);
    const total2023 = (await unitView(data, 2023, "023002"))!.disclosure.summary.total;
    expect(v.disclosure.yearOverYear).toMatchObject({ basis: "priorBudget", total: { prior: total2023 } });
    expect(v.row).toMatchObject({ priorTotal: total2023, priorBasis: "priorBudget", priorLater: null });
    // The first revision, still reachable, keeps what it stated.
    const first = (await unitView(data, 2024, "023002", 1))!;
    expect(first.disclosure.yearOverYear).toMatchObject({ basis: "baseline", total: { prior: "54331700.00" } });
  });
});
