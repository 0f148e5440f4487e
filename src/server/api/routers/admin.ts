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
import { addCode, addCrosswalk, changeCode, getCatalogue, getCrosswalk } from "../../services/catalogues";
import { importHistoricalBudget } from "../../services/history";
import { getAuditLog, getRegionOverview } from "../../services/audit-log";
import { EXPLANATION_SECTION_KEYS } from "@/lib/budget/types";
import { CATALOGUES, CODE_CATALOGUES } from "@/lib/admin/catalogues";

const admin = permissionProcedure("admin.manage");
const year = z.number().int("年度须为整数").min(2000, "年度须在 2000–2100 之间").max(2100, "年度须在 2000–2100 之间");
const unitType = z.enum(["admin", "civil_servant_managed", "institution"], "单位类型无效");
const orgId = z.number().int().positive("机构无效");
const catalogue = z.enum(CATALOGUES, "目录无效");
const codeCatalogue = z.enum(CODE_CATALOGUES as unknown as ["function", "dept-economic", "gov-economic", "purchased-services"], "目录无效");
const code = z.string().trim().min(1, "请填写编码").max(20, "编码过长");


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
  catalogue: admin.input(z.object({ year, catalogue })).query(({ ctx, input }) => getCatalogue(ctx.db, ctx.user, input)),
  addCode: admin
    .input(z.object({ year, catalogue: codeCatalogue, code, name: z.string().trim().min(1, "请填写科目名称").max(200, "名称过长"), parentCode: z.string().trim().max(20).nullish() }))
    .mutation(({ ctx, input }) => addCode(ctx.db, ctx.user, input)),
  changeCode: admin
    .input(z.object({ year, catalogue: codeCatalogue, code, name: z.string().trim().max(200, "名称过长").optional(), retired: z.boolean().optional() }))
    .mutation(({ ctx, input }) => changeCode(ctx.db, ctx.user, input)),
  crosswalk: admin.query(({ ctx }) => getCrosswalk(ctx.db, ctx.user)),
  addCrosswalk: admin
    .input(z.object({ catalogue: z.enum(["function", "dept-economic", "gov-economic"], "目录无效"), fromYear: year, fromCode: code, toYear: year, toCode: code }))
    .mutation(({ ctx, input }) => addCrosswalk(ctx.db, ctx.user, input)),
  importHistory: admin
    .input(
      z.object({
        unitCode: z.string().trim().regex(/^[0-9]{3,12}$/, "请选择预算单位"),
        year,
        approvedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "批复日期须为 YYYY-MM-DD"),
        publishedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "公开日期须为 YYYY-MM-DD"),
        content: z.union([z.string().max(50_000_000, "内容过大"), z.record(z.string(), z.unknown())]),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const r = await importHistoricalBudget(ctx.db, ctx.user, input);
      ctx.revalidatePublic({ year: r.year, unitCode: r.unitCode, departmentCode: r.departmentCode });
      return r;
    }),
  auditLog: admin
    .input(
      z.object({
        unitCode: z.string().trim().max(12).optional(),
        username: z.string().trim().max(40).optional(),
        action: z.string().trim().max(60).optional(),
        from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期须为 YYYY-MM-DD").optional(),
        to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "日期须为 YYYY-MM-DD").optional(),
        limit: z.number().int().min(1).max(1000).optional(),
      }),
    )
    .query(({ ctx, input }) => getAuditLog(ctx.db, ctx.user, input)),
  overview: admin.input(z.object({ year })).query(({ ctx, input }) => getRegionOverview(ctx.db, ctx.user, input.year)),
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
