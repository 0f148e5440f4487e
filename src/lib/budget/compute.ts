/**
 * computeDisclosure: one budget's input → the 17 tables, the 情况说明, year-over-year figures
 * and the checks. Pure and synchronous; the same function serves drafting, review, publishing
 * and downloads.
 */
import { unitLabel } from "../money";
import { displayOf, exactString } from "./fixed";
import { runChecks } from "./checks";
import { buildExplanation } from "./explanation";
import { FISCAL_SOURCES, buildLedger, indicesOf, memberUnits, sumVec, type Ledger } from "./ledger";
import type { BudgetSummary, Check, Disclosure, DisclosureTable } from "./model";
import { overallPerformanceTable, projectPerformanceTable } from "./performance";
import {
  fiscalTable,
  gridTable,
  procurementTable,
  purchasedServicesTable,
  sanggongFigures,
  sanggongTable,
  summaryTable,
  type TableContext,
} from "./tables";
import { DEFAULT_TEMPLATE, tableNumber, type DisclosureTemplate } from "./template";
import { budgetWording, type AmountUnit, type BudgetInput } from "./types";
import { disclosureSettingsOf } from "./settings";
import { yearOverYear } from "./yoy";
import { resolveTaskLinks } from "./tasks";

function displayUnit(input: BudgetInput): AmountUnit {
  return input.amountUnit === "yuan" ? "yuan" : "wan";
}

/** The template a budget is published under: its own, else the default 17 tables. */
export function templateOf(input: BudgetInput): DisclosureTemplate {
  return input.template ?? DEFAULT_TEMPLATE;
}

/** Builds one table of a template. */
export function buildTable(ctx: TableContext): DisclosureTable {
  const def = ctx.def;
  switch (def.kind) {
    case "grid":
      return gridTable(ctx, def);
    case "summary":
      return summaryTable(ctx, def);
    case "fiscalSummary":
      return fiscalTable(ctx);
    case "sanggong":
      return sanggongTable(ctx);
    case "procurement":
      return procurementTable(ctx);
    case "purchasedServices":
      return purchasedServicesTable(ctx);
    case "overallPerformance":
      return overallPerformanceTable(ctx);
    case "projectPerformance":
      return projectPerformanceTable(ctx);
  }
}

export function computeDisclosure(input: BudgetInput): Disclosure {
  // Linked 表16 tasks follow the line items: computed here, so every table and check sees the same figure.
  input = resolveTaskLinks(input);
  const ledger = buildLedger(input);
  const prior = input.priorBudget ? buildLedger(resolveTaskLinks(input.priorBudget)) : null;
  const unit = displayUnit(input);
  const template = templateOf(input);
  const tables = template.tables.map((def, i) => {
    const t = buildTable({
      ledger,
      def,
      number: tableNumber(def, i),
      unit: displayOf(def.unit ?? unit, def.decimals ?? 2),
      unitName: input.unit.name,
    });
    if (template.emptyCell !== "blank") t.emptyCell = template.emptyCell;
    return t;
  });
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
    template: { id: template.id, name: template.name, emptyCell: template.emptyCell },
    explanation: buildExplanation({ ledger, prior, yoy, template }),
    checks: [],
    summary: summaryOf(ledger),
    yearOverYear: yoy,
    profile: input.profile,
    glossary: input.glossary.length > 0 ? input.glossary : (template.glossary ?? []),
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
