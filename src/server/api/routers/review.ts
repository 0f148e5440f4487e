import { createTRPCRouter, permissionProcedure } from "../trpc";
import { addComment, getComments, getQueue, getReview, replyToComment, resolveCommentVerb, startReview } from "../../services/review";
import { budgetIdInput } from "@/lib/workflow/inputs";
import { addCommentInput, replyInput, resolveInput } from "@/lib/review/inputs";

const read = permissionProcedure("budget.read");

/** The queue, the review page, and comments with replies and resolution. */
export const reviewRouter = createTRPCRouter({
  queue: read.query(({ ctx }) => getQueue(ctx.db, ctx.user)),
  get: read.input(budgetIdInput).query(({ ctx, input }) => getReview(ctx.db, ctx.user, input.budgetId)),
  comments: read.input(budgetIdInput).query(({ ctx, input }) => getComments(ctx.db, ctx.user, input.budgetId)),
  start: permissionProcedure("budget.return")
    .input(budgetIdInput)
    .mutation(({ ctx, input }) => startReview(ctx.db, ctx.user, input.budgetId)),
  comment: permissionProcedure("budget.return")
    .input(addCommentInput)
    .mutation(({ ctx, input }) => addComment(ctx.db, ctx.user, input.budgetId, input.body, input.target)),
  reply: read.input(replyInput).mutation(({ ctx, input }) => replyToComment(ctx.db, ctx.user, input.commentId, input.body)),
  resolve: permissionProcedure("budget.return")
    .input(resolveInput)
    .mutation(({ ctx, input }) => resolveCommentVerb(ctx.db, ctx.user, input.commentId)),
});
