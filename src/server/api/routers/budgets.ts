import { createTRPCRouter, permissionProcedure } from "../trpc";
import {
  createBudget,
  getBudget,
  getBudgetChecks,
  getFormOptions,
  getTimeline,
  listBudgetsFor,
  listDeadlines,
  getCreateOptions,
} from "../../services/budgets";
import { getBudgetContent, getBudgetPreview } from "../../services/content";
import { budgetIdInput, createBudgetInput } from "@/lib/workflow/inputs";

const read = permissionProcedure("budget.read");

/** Reading budgets (always within the user's scope) and creating one. */
export const budgetsRouter = createTRPCRouter({
  list: read.query(({ ctx }) => listBudgetsFor(ctx.db, ctx.user)),
  get: read.input(budgetIdInput).query(({ ctx, input }) => getBudget(ctx.db, ctx.user, input.budgetId)),
  /** The editable content with row ids, for the editors. */
  content: read.input(budgetIdInput).query(({ ctx, input }) => getBudgetContent(ctx.db, ctx.user, input.budgetId)),
  /** The disclosure as the public page will show it (17 tables, 情况说明), recomputed after every save. */
  preview: read.input(budgetIdInput).query(({ ctx, input }) => getBudgetPreview(ctx.db, ctx.user, input.budgetId)),
  checks: read.input(budgetIdInput).query(({ ctx, input }) => getBudgetChecks(ctx.db, ctx.user, input.budgetId)),
  formOptions: read.input(budgetIdInput).query(({ ctx, input }) => getFormOptions(ctx.db, ctx.user, input.budgetId)),
  createOptions: read.query(({ ctx }) => getCreateOptions(ctx.db, ctx.user)),
  create: permissionProcedure("budget.create")
    .input(createBudgetInput)
    .mutation(({ ctx, input }) => createBudget(ctx.db, ctx.user, input)),
  timeline: permissionProcedure("budget.timeline")
    .input(budgetIdInput)
    .query(({ ctx, input }) => getTimeline(ctx.db, ctx.user, input.budgetId)),
  deadlines: permissionProcedure("deadline.read").query(({ ctx }) => listDeadlines(ctx.db, ctx.user)),
});
