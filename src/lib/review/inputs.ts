/** Inputs of the review procedures (comments, replies, resolution), shared by server and forms. */
import { z } from "zod";
import { budgetIdInput } from "../workflow/inputs";

const id = (what: string) => z.number({ error: `${what}无效` }).int(`${what}无效`).positive(`${what}无效`);
const body = z.string().trim().min(1, "意见内容不能为空").max(2000, "意见不能超过 2000 字");

export const commentTarget = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("budget") }),
  z.object({
    kind: z.literal("row"),
    tableNumber: z.number().int().min(1, "表号须为 1–17").max(17, "表号须为 1–17"),
    rowCode: z.string().trim().max(20, "行编码不能超过 20 个字符").nullable(),
    rowName: z.string().trim().min(1, "请选择表中的一行").max(200),
  }),
  z.object({ kind: z.literal("line"), lineItemId: id("明细编号") }),
]);

export const addCommentInput = budgetIdInput.extend({ body, target: commentTarget });
export const replyInput = z.object({ commentId: id("意见编号"), body: body.max(2000, "回复不能超过 2000 字") });
export const resolveInput = z.object({ commentId: id("意见编号") });
