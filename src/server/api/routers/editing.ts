import { createTRPCRouter, permissionProcedure } from "../trpc";
import { addLineItem, addProject, deleteLineItem, deleteProject, updateLineItem, updateNarrative, updateProject } from "../../services/editing";
import { applyChanges } from "../../services/content";
import {
  addLineItemInput,
  addProjectInput,
  deleteLineItemInput,
  deleteProjectInput,
  updateLineItemInput,
  updateNarrativeInput,
  updateProjectInput,
} from "@/lib/workflow/inputs";
import { applyChangesInput } from "@/lib/workflow/content";

const edit = permissionProcedure("budget.edit");

/** Edits of a draft or returned budget; each carries the version it read. */
export const editingRouter = createTRPCRouter({
  /** The batch entry point: any mix of row changes of every part, one version, one audit row. */
  applyChanges: edit
    .input(applyChangesInput)
    .mutation(({ ctx, input }) => applyChanges(ctx.db, ctx.user, { budgetId: input.budgetId, version: input.version }, input.changes)),
  addLineItem: edit.input(addLineItemInput).mutation(({ ctx, input }) => addLineItem(ctx.db, ctx.user, input, input.item)),
  updateLineItem: edit
    .input(updateLineItemInput)
    .mutation(({ ctx, input }) => updateLineItem(ctx.db, ctx.user, input, input.lineItemId, input.item)),
  deleteLineItem: edit.input(deleteLineItemInput).mutation(({ ctx, input }) => deleteLineItem(ctx.db, ctx.user, input, input.lineItemId)),
  addProject: edit.input(addProjectInput).mutation(({ ctx, input }) => addProject(ctx.db, ctx.user, input, input.project)),
  updateProject: edit
    .input(updateProjectInput)
    .mutation(({ ctx, input }) => updateProject(ctx.db, ctx.user, input, input.projectId, input.project)),
  deleteProject: edit.input(deleteProjectInput).mutation(({ ctx, input }) => deleteProject(ctx.db, ctx.user, input, input.projectId)),
  updateNarrative: edit.input(updateNarrativeInput).mutation(({ ctx, input }) => updateNarrative(ctx.db, ctx.user, input, input.narrative)),
});
