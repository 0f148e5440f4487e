import { z } from "zod";
import { textInput } from "@/lib/text/input";
import { createTRPCRouter, permissionProcedure } from "../trpc";
import { createUser, listOrganisations, listUsers, resetUserPassword, setUserDisabled } from "../../services/users";
import { ROLES } from "@/lib/auth/permissions";
import { newPassword } from "./inputs";

const admin = permissionProcedure("user.manage");
const userId = z.number().int().positive("用户无效");

export const usersRouter = createTRPCRouter({
  list: admin.query(({ ctx }) => listUsers(ctx.db)),
  organisations: admin.query(({ ctx }) => listOrganisations(ctx.db)),
  create: admin
    .input(
      z.object({
        username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{2,40}$/, "用户名须为 2–40 位小写字母、数字或 _ . -"),
        displayName: textInput("姓名", { min: 1, max: 100 }),
        role: z.enum(ROLES, "角色无效"),
        organisationId: z.number().int().positive("请选择机构"),
        password: newPassword,
      }),
    )
    .mutation(({ ctx, input }) => createUser(ctx.db, ctx.user, input)),
  setDisabled: admin
    .input(z.object({ userId, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.user, input)),
  resetPassword: admin
    .input(z.object({ userId, password: newPassword }))
    .mutation(({ ctx, input }) => resetUserPassword(ctx.db, ctx.user, input)),
});
