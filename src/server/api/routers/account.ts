import { z } from "zod";
import { createTRPCRouter, protectedProcedure } from "../trpc";
import { changeOwnPassword } from "../../services/users";
import { newPassword } from "./inputs";

export const accountRouter = createTRPCRouter({
  me: protectedProcedure.query(({ ctx }) => ctx.user),
  changePassword: protectedProcedure
    .input(z.object({ currentPassword: z.string().min(1, "请输入当前密码").max(128), newPassword }))
    .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, ctx.user, input)),
});
