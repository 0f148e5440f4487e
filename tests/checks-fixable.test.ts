/**
 * No blocking check may concern data a preparer cannot edit. Every error-severity rule of the
 * engine is in exactly one of three groups, and each group is tested here through the preparer's
 * procedures only:
 * - FIXABLE: a draft is brought into the state that triggers the rule and repaired again;
 * - REFUSED_AT_ENTRY: the data that would trigger it is refused when typed (BAD_REQUEST), so a
 *   draft can never hold it;
 * - INVARIANTS: consistency of the engine's own tables (totals = Σ parts …), which hold for any
 *   data the procedures accept; the drafts built here never raise them.
 * A new rule fails the first test until it is put in a group (and given a scenario).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "./helpers/db";
import { callerFor, errorOf, rolledBack, sessionUserOf, type Caller } from "./helpers/trpc";
import { seedDatabase } from "@/server/db/seed";
import type { SessionUser } from "@/server/auth/session";
import { CHECK_RULES } from "@/lib/budget";
import type { ContentChanges } from "@/lib/workflow/content";

let t: TestDatabase;
let preparer: SessionUser;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDatabase(t.db);
  preparer = await sessionUserOf(t.db, "preparer");
});
afterAll(async () => t?.close());

type Ref = { budgetId: number; version: number };
const line = (kind: "personnel" | "public" | "project", economicCode: string, amount: string, projectId: number | null = null) => ({
  functionCode: "2080109",
  economicCode,
  kind,
  projectId,
  source: "gpb" as const,
  period: "current" as const,
  amount,
});

/** A blank 2026 draft with one project, lines, targets and linked tasks: zero blocking checks. */
async function cleanDraft(p: Caller) {
  const created = await p.budgets.create({ year: 2026, from: "blank" });
  const r = await p.editing.applyChanges({
    budgetId: created.budgetId,
    version: created.version,
    changes: {
      projects: { upsert: [{ clientKey: "p", name: "服务项目" }] },
      lineItems: {
        upsert: [
          { ...line("personnel", "30101", "100000.00"), clientKey: "personnel" },
          { ...line("public", "30201", "20000.00"), clientKey: "public" },
          { ...line("project", "30299", "50000.00"), projectKey: "p", clientKey: "project" },
        ],
      },
      targets: {
        upsert: [
          { projectId: null, projectKey: "p", goal: "完成项目", indicators: [{ level1: "产出指标", level2: "数量指标" }] },
          { projectId: null, goal: "履职", tasks: [{ name: "人员经费", link: { figure: "personnel" } }, { name: "公用经费", link: { figure: "public" } }] },
        ],
      },
    },
  });
  return { ref: { budgetId: r.budgetId, version: r.version }, ids: r.ids };
}

async function errorsOf(p: Caller, budgetId: number) {
  return (await p.budgets.checks({ budgetId })).checks.filter((c) => c.severity === "error").map((c) => c.id);
}

interface Scenario {
  /** Changes that make the draft raise the rule. */
  trigger: (ids: Record<string, number>) => ContentChanges;
  /** Changes that repair it again (`added`: the ids the trigger created). */
  repair: (ids: Record<string, number>, added: Record<string, number>) => ContentChanges;
}

const FIXABLE: Record<string, Scenario> = {
  "BUD-C008": {
    trigger: (ids) => ({ lineItems: { upsert: [{ id: ids.personnel, ...line("personnel", "30201", "100000.00") }] } }),
    repair: (ids) => ({ lineItems: { upsert: [{ id: ids.personnel, ...line("personnel", "30101", "100000.00") }] } }),
  },
  "BUD-C009": {
    trigger: (ids) => ({ lineItems: { upsert: [{ id: ids.public, ...line("public", "30101", "20000.00") }] } }),
    repair: (ids) => ({ lineItems: { upsert: [{ id: ids.public, ...line("public", "30201", "20000.00") }] } }),
  },
  "BUD-C016": {
    trigger: () => ({ projects: { upsert: [{ clientKey: "q", name: "新项目" }] }, lineItems: { upsert: [{ ...line("project", "30299", "1000.00"), projectKey: "q" }] } }),
    repair: (_ids, added) => ({ targets: { upsert: [{ projectId: added.q!, goal: "新项目目标", indicators: [{ level1: "产出指标", level2: "数量指标" }] }] } }),
  },
  "BUD-C017": {
    trigger: () => ({ targets: { upsert: [{ projectId: null, goal: "履职", tasks: [{ name: "基本支出", amount: "1.00" }] }] } }),
    repair: () => ({ targets: { upsert: [{ projectId: null, goal: "履职", tasks: [{ name: "基本支出", link: { figure: "personnel" } }, { name: "公用", link: { figure: "public" } }] }] } }),
  },
  "BUD-C029": {
    // The reason is quoted in the 情况说明 once the total changed against the prior year.
    trigger: () => ({ baseline: { total: "1.00" }, narrative: { totalChangeReason: "XX 待填写" } }),
    repair: () => ({ narrative: { totalChangeReason: "人员调整" } }),
  },
};

/** Refused when typed: each case is an input the procedures answer with BAD_REQUEST. */
const REFUSED_AT_ENTRY: Record<string, (ids: Record<string, number>) => ContentChanges> = {
  "BUD-C010": () => ({ lineItems: { upsert: [{ ...line("public", "30201", "1.00"), functionCode: "2089999" }] } }),
  "BUD-C011": () => ({ lineItems: { upsert: [line("public", "30098", "1.00")] } }),
  "BUD-C013": () => ({ lineItems: { upsert: [line("project", "30299", "1.00")] } }),
  "BUD-C014": () => ({ lineItems: { upsert: [line("project", "30299", "1.00", 999999)] } }),
  "BUD-C015": (ids) => ({ lineItems: { upsert: [{ ...line("public", "30201", "1.00"), projectId: 1 + 0 * (ids.p ?? 0) }] } }),
  "BUD-C019": () => ({ lineItems: { upsert: [line("public", "30201", "-1.00")] } }),
  "BUD-C020": () => ({ lineItems: { upsert: [line("public", "30201", "1.001")] } }),
  "BUD-C021": () => ({ lineItems: { upsert: [line("public", "30201", "一百")] } }),
  "BUD-C025": () => ({ procurement: { upsert: [{ name: "设备", category: "goods", source: "gpb", amount: "10.00", smeReserved: "11.00" }] } }),
  "BUD-C035": () => ({ lineItems: { upsert: [{ ...line("public", "30201", "1.00"), source: "nowhere" as "gpb" }] } }),
  "BUD-C049": () => ({ procurement: { upsert: [{ name: "设备", category: "other" as "goods", source: "gpb", amount: "10.00" }] } }),
  "BUD-C050": () => ({ baseline: { total: "abc" } }),
};

/** The engine's own consistency (and consolidation-only rules): no accepted input raises them. */
const INVARIANTS = [
  "BUD-C001", "BUD-C002", "BUD-C003", "BUD-C004", "BUD-C005", "BUD-C006", "BUD-C007", "BUD-C012",
  "BUD-C022", "BUD-C023", "BUD-C024", "BUD-C026", "BUD-C031", "BUD-C032", "BUD-C042", "BUD-C043",
  "BUD-C045", "BUD-C048",
];

describe("every blocking check can be fixed by the preparer", () => {
  it("puts every error rule in exactly one group", () => {
    const errors = CHECK_RULES.filter((r) => r.severity === "error").map((r) => r.id).sort();
    const grouped = [...Object.keys(FIXABLE), ...Object.keys(REFUSED_AT_ENTRY), ...INVARIANTS].sort();
    expect(grouped).toEqual(errors);
  });

  for (const [id, scenario] of Object.entries(FIXABLE)) {
    it(`${id}: triggered and repaired through the preparer's procedures`, async () => {
      await rolledBack(t.db, async (tx) => {
        const p = callerFor(tx, preparer);
        const { ref, ids } = await cleanDraft(p);
        expect(await errorsOf(p, ref.budgetId)).toEqual([]);
        const broken = await p.editing.applyChanges({ ...ref, changes: scenario.trigger(ids) });
        expect(await errorsOf(p, ref.budgetId)).toContain(id);
        const repair = scenario.repair(ids, broken.ids);
        const fixed: Ref = await p.editing.applyChanges({ budgetId: broken.budgetId, version: broken.version, changes: repair });
        expect(await errorsOf(p, fixed.budgetId)).toEqual([]);
      });
    });
  }

  for (const [id, input] of Object.entries(REFUSED_AT_ENTRY)) {
    it(`${id}: the data that would raise it is refused when typed`, async () => {
      await rolledBack(t.db, async (tx) => {
        const p = callerFor(tx, preparer);
        const { ref, ids } = await cleanDraft(p);
        const error = await errorOf(p.editing.applyChanges({ ...ref, changes: input(ids) }));
        expect(error.code).toBe("BAD_REQUEST");
        expect(error.message).toMatch(/[\u4e00-\u9fa5]/);
        expect(await errorsOf(p, ref.budgetId)).toEqual([]);
      });
    });
  }
});
