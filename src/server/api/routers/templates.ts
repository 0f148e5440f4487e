import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "../trpc";
import {
  copyTemplate,
  getTemplate,
  listTemplates,
  previewTemplate,
  updateTemplate,
} from "../../services/templates";

const admin = permissionProcedure("admin.manage");
const code = z.string().trim().min(1, "请选择模板").max(60);

export const templatesRouter = createTRPCRouter({
  list: admin.query(({ ctx }) => listTemplates(ctx.db, ctx.user)),
  get: admin.input(z.object({ code })).query(({ ctx, input }) => getTemplate(ctx.db, ctx.user, input.code)),
  copy: admin
    .input(z.object({ from: code, name: z.string().trim().min(1, "请填写新模板的名称").max(60, "名称不超过 60 个字") }))
    .mutation(({ ctx, input }) => copyTemplate(ctx.db, ctx.user, input)),
  update: admin
    .input(z.object({ code, version: z.number().int().min(1), definition: z.unknown() }))
    .mutation(({ ctx, input }) => updateTemplate(ctx.db, ctx.user, input)),
  preview: admin.input(z.object({ definition: z.unknown() })).query(({ ctx, input }) => previewTemplate(ctx.user, input.definition)),
});
