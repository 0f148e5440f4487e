import type { DbOrTx } from "../db/client";
import { loadBudgetInput } from "../queries/budget-input";
import { copySourceOf } from "../queries/budgets";
import { computeDisclosure, type BudgetInput, type Check, type Disclosure } from "@/lib/budget";
import { copiedFromPriorWarnings } from "@/lib/workflow/copied";

/**
 * A budget's checks as the preparer sees them and as submission enforces them: the engine's, plus
 * the review warnings of a budget copied from the prior year (unchanged 上年结转 lines, reasons).
 */
export async function budgetChecks(db: DbOrTx, budgetId: number): Promise<{ input: BudgetInput; disclosure: Disclosure; checks: Check[] }> {
  const input = await loadBudgetInput(db, budgetId);
  const disclosure = computeDisclosure(input);
  const sourceId = await copySourceOf(db, budgetId);
  const copied = sourceId === null ? [] : copiedFromPriorWarnings(input, await loadBudgetInput(db, sourceId, { withPrior: false }));
  return { input, disclosure, checks: [...disclosure.checks, ...copied] };
}
