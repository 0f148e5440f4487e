import { createTRPCRouter, permissionProcedure } from "../trpc";
import { approveBudget, publishBudget, returnBudget, submitBudget } from "../../services/workflow";
import { startCorrection } from "../../services/budgets";
import { withdrawBudget } from "../../services/review";
import { approveInput, budgetRefInput, publishInput, returnInput, submitInput } from "@/lib/workflow/inputs";

/** The workflow verbs: explicit transitions, never a generic status update. */
export const workflowRouter = createTRPCRouter({
  submit: permissionProcedure("budget.submit")
    .input(submitInput)
    .mutation(({ ctx, input }) => submitBudget(ctx.db, ctx.user, input, input.acknowledgedWarnings)),
  withdraw: permissionProcedure("budget.submit")
    .input(budgetRefInput)
    .mutation(({ ctx, input }) => withdrawBudget(ctx.db, ctx.user, input)),
  return: permissionProcedure("budget.return")
    .input(returnInput)
    .mutation(({ ctx, input }) => returnBudget(ctx.db, ctx.user, input, input)),
  approve: permissionProcedure("budget.approve")
    .input(approveInput)
    .mutation(({ ctx, input }) => approveBudget(ctx.db, ctx.user, input, input.approvedOn)),
  publish: permissionProcedure("budget.publish")
    .input(publishInput)
    .mutation(async ({ ctx, input }) => {
      const published = await publishBudget(ctx.db, ctx.user, input, input.correctionNote);
      // After the commit: the public pages must show the new snapshot on their next request.
      ctx.revalidatePublic(published.public);
      return published;
    }),
  startCorrection: permissionProcedure("budget.correct")
    .input(budgetRefInput)
    .mutation(({ ctx, input }) => startCorrection(ctx.db, ctx.user, input)),
});
