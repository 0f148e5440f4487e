import { z } from "zod";
import { createTRPCRouter, permissionProcedure } from "../trpc";
import { getSettings, listYears, openFiscalYear, updateGlossary, updateSettings } from "../../services/fiscal-years";
import {
  createOrganisation,
  editOrganisation,
  getOrganisationTree,
  moveUnit,
  setOrganisationActive,
} from "../../services/organisations";
import { EXPLANATION_SECTION_KEYS } from "@/lib/budget/types";

const admin = permissionProcedure("admin.manage");
const year = z.number().int("年度须为整数").min(2000, "年度须在 2000–2100 之间").max(2100, "年度须在 2000–2100 之间");
const unitType = z.enum(["admin", "civil_servant_managed", "institution"], "单位类型无效");
const orgId = z.number().int().positive("机构无效");


/** Administration: organisations, fiscal years, catalogues, disclosure settings. */
export const adminRouter = createTRPCRouter({
  organisations: admin.query(({ ctx }) => getOrganisationTree(ctx.db, ctx.user)),
  createOrganisation: admin
    .input(
      z.object({
        kind: z.enum(["region", "department", "unit"], "机构类别无效"),
        code: z.string().trim().regex(/^[0-9]{3,12}$/, "编码须为 3–12 位数字"),
        name: z.string().trim().min(1, "请填写名称").max(200, "名称不能超过 200 字"),
        shortName: z.string().trim().max(200, "简称不能超过 200 字").nullish(),
        unitType: unitType.nullish(),
        parentId: orgId.nullish(),
      }),
    )
    .mutation(({ ctx, input }) => createOrganisation(ctx.db, ctx.user, input)),
  updateOrganisation: admin
    .input(
      z.object({
        id: orgId,
        name: z.string().trim().min(1, "请填写名称").max(200, "名称不能超过 200 字"),
        shortName: z.string().trim().max(200, "简称不能超过 200 字").nullish(),
        unitType: unitType.nullish(),
      }),
    )
    .mutation(({ ctx, input }) => editOrganisation(ctx.db, ctx.user, input)),
  setOrganisationActive: admin
    .input(z.object({ id: orgId, active: z.boolean() }))
    .mutation(({ ctx, input }) => setOrganisationActive(ctx.db, ctx.user, input)),
  moveUnit: admin
    .input(z.object({ unitId: orgId, departmentId: orgId, fromYear: year }))
    .mutation(({ ctx, input }) => moveUnit(ctx.db, ctx.user, input)),
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
        template: z.string().trim().min(1, "请选择公开模板").max(60).optional(),
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
