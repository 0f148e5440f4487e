/**
 * A past year's budget as an admin loads it: the content part of `BudgetInput` (src/lib/budget/
 * types.ts) as JSON, checked here before anything is written. Pure: no database.
 * Documented in docs/admin.md.
 */
import { z } from "zod";
import { SOURCE_CODES } from "../budget/types";

const money = z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, "金额须为以元为单位、最多两位小数的非负数字字符串，例如 \"1969100.00\"");
const source = z.enum(SOURCE_CODES, "资金来源编码无效");
const period = z.enum(["current", "carryover"], "期间须为 current（本年）或 carryover（上年结转）");
const id = z.string().min(1).max(64);

export const historyContentSchema = z.object({
  lineItems: z
    .array(
      z.object({
        id,
        functionCode: z.string().regex(/^\d{7}$/, "功能分类须为 7 位（项级）编码"),
        economicCode: z.string().regex(/^\d{5}$/, "经济分类须为 5 位（款级）编码"),
        kind: z.enum(["personnel", "public", "project"], "支出类型须为 personnel、public 或 project"),
        projectId: id.nullable(),
        source,
        period,
        amount: money,
      }),
    )
    .min(1, "至少要有一条预算明细")
    .max(200000),
  projects: z.array(z.object({ id, name: z.string().min(1).max(200), content: z.string().max(5000).default(""), debtFinanced: z.boolean().default(false), sort: z.number().int().default(0) })).default([]),
  procurement: z
    .array(
      z.object({
        id,
        projectId: id.nullable().default(null),
        name: z.string().min(1).max(200),
        category: z.enum(["goods", "works", "services"]),
        source,
        period,
        amount: money,
        smeReserved: money.default("0.00"),
      }),
    )
    .default([]),
  purchasedServices: z
    .array(
      z.object({
        id,
        functionClassCode: z.string().regex(/^\d{3}$/, "购买服务的功能分类须为 3 位（类级）编码"),
        name: z.string().min(1).max(200),
        catalogueCode: z.string().max(20).default(""),
        catalogueName: z.string().max(200).default(""),
        source,
        period,
        amount: money,
      }),
    )
    .default([]),
  targets: z
    .array(
      z.object({
        projectId: id.nullable(),
        goal: z.string().max(5000).default(""),
        tasks: z.array(z.object({ name: z.string().min(1).max(200), amount: money })).default([]),
        indicators: z
          .array(
            z.object({
              level1: z.string().max(100),
              level2: z.string().max(100),
              level3: z.string().max(200).default(""),
              operator: z.enum(["", "=", ">=", "<=", ">", "<"]).default(""),
              value: z.string().max(200).default(""),
              unit: z.string().max(50).default(""),
              deadline: z.string().max(50).default(""),
            }),
          )
          .default([]),
      }),
    )
    .default([]),
  profile: z
    .object({
      duties: z.array(z.string().max(5000)).default([]),
      departments: z.array(z.object({ name: z.string().min(1).max(200), duties: z.string().max(5000).default(""), staffing: z.number().int().min(0).default(0), leaders: z.string().max(200).default("") })).default([]),
      composition: z.string().max(5000).default(""),
    })
    .default({ duties: [], departments: [], composition: "" }),
  assets: z
    .object({
      asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "资产统计日期须为 YYYY-MM-DD"),
      vehicles: z.object({
        ministerial: z.number().int().min(0),
        general: z.number().int().min(0),
        enforcement: z.number().int().min(0),
        special: z.number().int().min(0),
        other: z.number().int().min(0),
      }),
      largeEquipment: z.number().int().min(0),
      note: z.string().max(5000).default(""),
    })
    .nullable()
    .default(null),
  narrative: z
    .object({ totalChangeReason: z.string().max(5000).default(""), sanggongChangeReason: z.string().max(5000).default(""), overview: z.string().max(5000).default("") })
    .default({ totalChangeReason: "", sanggongChangeReason: "", overview: "" }),
  baseline: z
    .object({
      total: money,
      sanggong: z.object({ abroad: money, reception: money, vehiclePurchase: money, vehicleOperation: money }).optional(),
    })
    .nullable()
    .default(null),
});

export type HistoryContent = z.infer<typeof historyContentSchema>;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
