import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "../trpc";
import { getSettings, listYears, openFiscalYear, updateGlossary, updateSettings } from "../../services/fiscal-years";
import { EXPLANATION_SECTION_KEYS } from "@/lib/budget/types";

const admin = permissionProcedure("admin.manage");
const year = z.number().int("年度须为整数").min(2000, "年度须在 2000–2100 之间").max(2100, "年度须在 2000–2100 之间");

/** Administration: fiscal years and disclosure settings. */
export const adminRouter = createTRPCRouter({
  years: admin.query(({ ctx }) => listYears(ctx.db, ctx.user)),
  openYear: admin
    .input(z.object({ year, from: year.optional() }))
    .mutation(({ ctx, input }) => openFiscalYear(ctx.db, ctx.user, input)),
  settings: admin.input(z.object({ year })).query(({ ctx, input }) => getSettings(ctx.db, ctx.user, input.year)),
  updateSettings: admin
    .input(
      z.object({
        regionId: z.number().int().positive("区划无效"),
        year,
        amountUnit: z.enum(["wan", "yuan"], "金额单位须为万元或元"),
        titleWording: z.enum(["department", "unit"], "标题须为部门预算或单位预算"),
        explanationSections: z.array(z.enum(EXPLANATION_SECTION_KEYS, "情况说明部分无效")).min(1, "情况说明至少要打印一个部分"),
      }),
    )
    .mutation(({ ctx, input }) => updateSettings(ctx.db, ctx.user, input)),
  updateGlossary: admin
    .input(
      z.object({
        year,
        entries: z
          .array(z.object({ term: z.string().max(100, "名词不能超过 100 字"), definition: z.string().max(2000, "解释不能超过 2000 字") }))
          .max(200, "名词解释不能超过 200 条"),
      }),
    )
    .mutation(({ ctx, input }) => updateGlossary(ctx.db, ctx.user, input)),
});
