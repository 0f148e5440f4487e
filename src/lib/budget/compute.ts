/**
 * computeDisclosure: one budget's input → the 17 tables, the 情况说明, year-over-year figures
 * and the checks. Pure and synchronous; the same function serves drafting, review, publishing
 * and downloads.
 */
import { unitLabel } from "../money";
import { exactString } from "./fixed";
import { runChecks } from "./checks";
import { buildExplanation } from "./explanation";
import { FISCAL_SOURCES, buildLedger, indicesOf, memberUnits, sumVec, type Ledger } from "./ledger";
import type { BudgetSummary, Check, Disclosure } from "./model";
import { table16, table17 } from "./performance";
import {
  sanggongFigures,
  table1,
  table10,
  table11,
  table12,
  table13,
  table14,
  table15,
  table2,
  table3,
  table4,
  table5,
  table6,
  table7,
  table8,
  table9,
  type TableContext,
} from "./tables";
import { budgetWording, type AmountUnit, type BudgetInput } from "./types";
import { disclosureSettingsOf } from "./settings";
import { yearOverYear } from "./yoy";
import { resolveTaskLinks } from "./tasks";

function displayUnit(input: BudgetInput): AmountUnit {
  return input.amountUnit === "yuan" ? "yuan" : "wan";
}

export function computeDisclosure(input: BudgetInput): Disclosure {
  // Linked 表16 tasks follow the line items: computed here, so every table and check sees the same figure.
  input = resolveTaskLinks(input);
  const ledger = buildLedger(input);
  const prior = input.priorBudget ? buildLedger(resolveTaskLinks(input.priorBudget)) : null;
  const unit = displayUnit(input);
  const ctx: TableContext = { ledger, unit, unitName: input.unit.name };
  const tables = [
    table1(ctx),
    table2(ctx),
    table3(ctx),
    table4(ctx),
    table5(ctx),
    table6(ctx),
    table7(ctx),
    table8(ctx),
    table9(ctx),
    table10(ctx),
    table11(ctx),
    table12(ctx),
    table13(ctx),
    table14(ctx),
    table15(ctx),
    table16(ctx),
    table17(ctx),
  ];
  const yoy = yearOverYear(ledger, prior);
  const disclosure: Disclosure = {
    unit: input.unit,
    units: memberUnits(input),
    year: input.year,
    revision: input.revision,
    amountUnit: unit,
    unitLabel: unitLabel(unit),
    settings: disclosureSettingsOf(input),
    wording: budgetWording(input.disclosure),
    tables,
    explanation: buildExplanation({ ledger, prior, yoy }),
    checks: [],
    summary: summaryOf(ledger),
    yearOverYear: yoy,
    profile: input.profile,
    glossary: input.glossary,
  };
  disclosure.checks = runChecks(ledger, disclosure);
  return disclosure;
}

/**
 * Re-runs the checks against a disclosure as it stands (e.g. a stored snapshot), using `input`
 * for the input-level rules.
 */
export function checkDisclosure(input: BudgetInput, disclosure: Disclosure): Check[] {
  return runChecks(buildLedger(input), disclosure);
}

function summaryOf(ledger: Ledger): BudgetSummary {
  const sc = ledger.scale;
  const v = (f: Parameters<typeof indicesOf>[0]) => exactString(sumVec(ledger.total, indicesOf(f)) ?? 0n, sc);
  const all = indicesOf({});
  return {
    total: v({}),
    basic: v({ kinds: ["personnel", "public"] }),
    personnel: v({ kinds: ["personnel"] }),
    public: v({ kinds: ["public"] }),
    project: v({ kinds: ["project"] }),
    current: v({ periods: ["current"] }),
    carryover: v({ periods: ["carryover"] }),
    fiscal: v({ sources: FISCAL_SOURCES }),
    sanggong: exactString(sanggongFigures(ledger).total, sc),
    byFunctionClass: ledger.functions
      .sorted()
      .filter((n) => n.level === "类")
      .map((n) => ({ code: n.code, name: n.name, amount: exactString(sumVec(n.vec, all) ?? 0n, sc) })),
    lineItemCount: ledger.lines.count,
  };
}

/** Totals for lists and indexes (exact 元 strings), without building the tables. */
export function summarize(input: BudgetInput): BudgetSummary {
  return summaryOf(buildLedger(input));
}
