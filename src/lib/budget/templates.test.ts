/**
 * Golden tests of the bundled templates: the reference line items (023002, 2024; total 5,114.04
 * 万元 = 51,140,400 元) rendered under each template, with totals checked by hand against the
 * seed's printed figures, plus a template with tables in 元 and the text in whole 万元.
 */
import { describe, expect, it } from "vitest";
import { reference023002_2024 } from "@/lib/sample/reference-023002-2024";
import { tableCsv, parseCsv } from "../export/csv";
import { openTables } from "../export/json";
import {
  BUNDLED_TEMPLATES,
  DEFAULT_TEMPLATE,
  MINISTRY_8_TEMPLATE,
  PROVINCIAL_9_TEMPLATE,
  TABLE_TITLES,
  checkDisclosure,
  computeDisclosure,
  displayTableCell,
  explanationText,
  leafColumns,
  parseTemplate,
  textAmount,
} from "./index";
import type { BudgetInput, Disclosure, DisclosureTable, DisclosureTemplate, LineItem, TableDefinition } from "./index";
import { Decimal } from "../money";

const printed = (t: DisclosureTable) =>
  t.rows.map((row) => leafColumns(t.columns).map((c) => displayTableCell(t, row, c)));

function byTitle(d: Disclosure, title: string): DisclosureTable {
  const t = d.tables.find((x) => x.title === title);
  if (!t) throw new Error(`no table ${title}`);
  return t;
}

const errors = (d: Disclosure) => d.checks.filter((c) => c.severity === "error");

describe("default template", () => {
  it("is the seed's 17 tables: same output with or without it", () => {
    const plain = computeDisclosure(reference023002_2024);
    const explicit = computeDisclosure({ ...reference023002_2024, template: DEFAULT_TEMPLATE });
    expect(explicit.tables.map(printed)).toEqual(plain.tables.map(printed));
    expect(explicit.explanation).toEqual(plain.explanation);
    expect(explicit.checks).toEqual(plain.checks);
    expect(DEFAULT_TEMPLATE.tables.map((t) => t.title)).toEqual(Object.values(TABLE_TITLES));
    expect(openTables(explicit)).toEqual(openTables(plain));
  });

  it("every bundled template passes its own validation", () => {
    for (const t of BUNDLED_TEMPLATES) expect(parseTemplate(JSON.parse(JSON.stringify(t)))).toEqual({ ok: true, template: t });
  });
});

describe("财政部 8 张表", () => {
  const d = computeDisclosure({ ...reference023002_2024, template: MINISTRY_8_TEMPLATE });

  it("has the 8 tables in order, in 万元, and passes every check", () => {
    expect(d.tables.map((t) => `${t.number} ${t.title} ${t.unit}`)).toEqual([
      "1 部门收支总表 万元",
      "2 部门收入总表 万元",
      "3 部门支出总表 万元",
      "4 财政拨款收支总表 万元",
      "5 一般公共预算支出表 万元",
      "6 一般公共预算基本支出表 万元",
      "7 一般公共预算“三公”经费支出表 万元",
      "8 政府性基金预算支出表 万元",
    ]);
    expect(errors(d)).toEqual([]);
  });

  it("prints the hand-checked totals and 0.00 in empty cells", () => {
    // 收入总计 = 4,030.90 (一般公共预算) + 1,083.14 (上年结转) = 5,114.04
    expect(printed(byTitle(d, "部门收支总表")).at(-1)).toEqual(["收入总计", "5,114.04", "支出总计", "5,114.04"]);
    expect(printed(byTitle(d, "部门收支总表"))[1]).toEqual(["二、政府性基金预算拨款收入", "0.00", "二、卫生健康支出", "31.85"]);
    // 合计 5,114.04 = 基本 800.66 (671.69 + 128.97) + 项目 4,313.38
    expect(printed(byTitle(d, "部门支出总表"))[0]).toEqual(["", "合计", "5,114.04", "800.66", "671.69", "128.97", "4,313.38"]);
    // 收入总表 without the 单位资金 breakdown: 14 columns
    expect(leafColumns(byTitle(d, "部门收入总表").columns)).toHaveLength(14);
  });

  it("shows 基本支出 by 政府预算经济分类, adding up to 表5's 基本支出", () => {
    const t6 = printed(byTitle(d, "一般公共预算基本支出表"));
    expect(t6).toEqual([
      ["", "合计", "800.66", "671.69", "128.97"],
      ["505", "对事业单位经常性补助", "787.75", "658.78", "128.97"],
      ["50501", "工资福利支出", "658.78", "658.78", "0.00"],
      ["50502", "商品和服务支出", "128.97", "0.00", "128.97"],
      ["509", "对个人和家庭的补助", "12.91", "12.91", "0.00"],
      ["50901", "社会福利和救助", "2.05", "2.05", "0.00"],
      ["50905", "离退休费", "10.86", "10.86", "0.00"],
    ]);
    expect(printed(byTitle(d, "一般公共预算支出表"))[0]?.[3]).toBe("800.66");
  });

  it("writes the 情况说明 with thousands separators", () => {
    expect(explanationText(d.explanation)).toContain("2024 年收支总预算 5,114.04 万元，比 2023 年收支总预算 5,433.17 万元减少 319.13 万元");
  });

  it("still catches a figure altered in a table", () => {
    const input = { ...reference023002_2024, template: MINISTRY_8_TEMPLATE };
    const altered = computeDisclosure(input);
    const row = byTitle(altered, "部门支出总表").rows[1];
    if (!row) throw new Error("row");
    row.exact.total = "50120201.00";
    const ids = checkDisclosure(input, altered).map((c) => c.id);
    expect(ids).toContain("BUD-C003");
    expect(ids).toContain("BUD-C007");
  });
});

describe("省级 9 张表（元）", () => {
  const d = computeDisclosure({ ...reference023002_2024, template: PROVINCIAL_9_TEMPLATE });

  it("has 9 tables: whole 元, the 三公 table in 万元, 国有资本经营预算支出表 last; passes every check", () => {
    expect(d.tables.map((t) => `${t.number} ${t.title} ${t.unit}`)).toEqual([
      "1 部门收支总表 元",
      "2 部门收入总表 元",
      "3 部门支出总表 元",
      "4 财政拨款收支总表 元",
      "5 一般公共预算支出表 元",
      "6 一般公共预算基本支出表 元",
      "7 一般公共预算“三公”经费支出表 万元",
      "8 政府性基金预算支出表 元",
      "9 国有资本经营预算支出表 元",
    ]);
    expect(errors(d)).toEqual([]);
    const soc = byTitle(d, "国有资本经营预算支出表");
    expect(soc.empty).toBe(true);
    expect(soc.notes).toEqual(["备注：如此表为空表，则表示部门无国有资本经营预算安排的支出。"]);
  });

  it("lists 支出 by 类 with 合计 / 人员经费 / 公用经费 / 项目支出 (hand-checked)", () => {
    const t1 = printed(byTitle(d, "部门收支总表"));
    // 208: 5,696,700 + 1,289,700 + 43,133,800 = 50,120,200
    expect(t1[0]).toEqual(["一、一般公共预算拨款收入", "40,309,000", "一、社会保障和就业支出", "50,120,200", "5,696,700", "1,289,700", "43,133,800"]);
    expect(t1[1]).toEqual(["二、政府性基金预算拨款收入", "0", "二、卫生健康支出", "318,500", "318,500", "0", "0"]);
    expect(t1[2]).toEqual(["三、国有资本经营预算拨款收入", "0", "三、住房保障支出", "701,700", "701,700", "0", "0"]);
    expect(t1[3]).toEqual(["四、财政专户管理资金收入", "0", "", "", "", "", ""]);
    // 本年支出合计 51,140,400 = 6,716,900 + 1,289,700 + 43,133,800
    expect(t1.at(-3)).toEqual(["本年收入合计", "40,309,000", "本年支出合计", "51,140,400", "6,716,900", "1,289,700", "43,133,800"]);
    expect(t1.at(-2)).toEqual(["上年结转结余", "10,831,400", "年终结转结余", "0", "", "", ""]);
    expect(t1.at(-1)).toEqual(["收入总计", "51,140,400", "支出总计", "51,140,400", "6,716,900", "1,289,700", "43,133,800"]);
  });

  it("shows 基本支出 by 部门预算经济分类 in whole 元", () => {
    const t6 = printed(byTitle(d, "一般公共预算基本支出表"));
    expect(t6[0]).toEqual(["", "合计", "8,006,600", "6,716,900", "1,289,700"]);
    expect(t6[1]).toEqual(["301", "工资福利支出", "6,587,800", "6,587,800", "0"]);
    expect(t6.map((r) => r[0])).toContain("30113");
  });

  it("keeps the open-data JSON's shape and says the tables are whole 元", () => {
    const open = openTables(d);
    expect(open).toHaveLength(9);
    for (const t of open) expect(Object.keys(t)).toEqual(expect.arrayContaining(["number", "title", "unit", "columns", "rows"]));
    expect(open[0]?.rows.at(-1)?.cells.expenditure_amount).toBe("51140400");
    expect(open[0]?.decimals).toBe(0);
    expect(open[0]?.emptyCell).toBe("0");
  });

  it("writes whole 元 in the CSV and the text in 万元", () => {
    const csv = parseCsv(tableCsv(byTitle(d, "部门支出总表")));
    expect(csv[1]).toEqual(["", "合计", "51140400", "8006600", "6716900", "1289700", "43133800"]);
    const text = explanationText(d.explanation);
    expect(text).toContain("2024 年收支总预算 5,114.04 万元");
    expect(text).not.toContain("国有资产占有使用情况");
    expect(text).toContain("（三）绩效目标设置情况");
  });
});

// ---------------------------------------------------------------- rounding

/** Three 项 of 0.50 元 and one of 12,344.5 万元: the roundings the templates must get right. */
function roundingInput(): BudgetInput {
  const base = reference023002_2024;
  const line = (id: string, functionCode: string, amount: string): LineItem => ({
    id,
    functionCode,
    economicCode: "30101",
    kind: "personnel",
    projectId: null,
    source: "gpb",
    period: "current",
    amount,
  });
  return {
    ...base,
    lineItems: [
      line("a", "2080150", "0.50"),
      line("b", "2080502", "0.50"),
      line("c", "2101102", "0.50"),
      line("d", "2210201", "123444999.00"),
    ],
    projects: [],
    targets: [],
    procurement: [],
    purchasedServices: [],
    priorBudget: null,
    baseline: null,
  };
}

const YUAN_TEXT_WHOLE_WAN: DisclosureTemplate = {
  ...DEFAULT_TEMPLATE,
  id: "test-yuan-whole-wan",
  name: "元表格、万元取整文字",
  text: { unit: "wan", number: "whole" },
  tables: DEFAULT_TEMPLATE.tables.slice(0, 3).map((t) => ({ ...t, unit: "yuan" as const, decimals: 0 as const })),
};

describe("tables in 元, text in whole 万元", () => {
  const d = computeDisclosure({ ...roundingInput(), template: YUAN_TEXT_WHOLE_WAN });

  it("rounds each whole-元 cell half-up from the exact 分 sum and notes the 尾差", () => {
    const t3 = printed(byTitle(d, "支出预算总表"));
    // total 123,444,999.00 + 1.50 = 123,445,000.50 → 123,445,001; each 0.50 → 1
    expect(t3[0]).toEqual(["", "合计", "123,445,001", "123,445,001", "123,445,001", "", ""]);
    const r208 = t3.find((r) => r[0] === "208");
    expect(r208?.[2]).toBe("1"); // 0.50 + 0.50 = 1.00
    expect(t3.find((r) => r[0] === "2080150")?.[2]).toBe("1"); // 0.50 → 1
    expect(t3.find((r) => r[0] === "210")?.[2]).toBe("1");
    expect(byTitle(d, "支出预算总表").notes).toContain("本表合计数与各分项数之和的尾差，系数据四舍五入所致。");
    // figures are never adjusted; the exact 元 stay
    expect(byTitle(d, "支出预算总表").rows[0]?.exact.total).toBe("123445000.50");
    expect(errors(d)).toEqual([]);
  });

  it("writes the text in whole 万元: 12,344.50005 万元 → 12,345 万元", () => {
    expect(explanationText(d.explanation)).toContain("收支总预算 12,345 万元");
  });

  it("text styles: seed, thousands, whole, trailing zeros dropped", () => {
    const v = new Decimal("12300000.00");
    expect(textAmount(new Decimal("51140400"), "wan", "plain")).toBe("5114.04");
    expect(textAmount(new Decimal("51140400"), "wan", "thousands")).toBe("5,114.04");
    expect(textAmount(new Decimal("123445000.50"), "wan", "whole")).toBe("12,345");
    expect(textAmount(v, "wan", "trim")).toBe("1,230");
    expect(textAmount(new Decimal("12305000"), "wan", "trim")).toBe("1,230.5");
    expect(textAmount(new Decimal("0"), "wan", "whole")).toBe("0");
    expect(textAmount(new Decimal("1234.56"), "yuan", "whole")).toBe("1,235");
  });
});

function table(t: DisclosureTemplate, i: number): TableDefinition {
  const def = t.tables[i];
  if (!def) throw new Error(`table ${i}`);
  return def;
}

describe("custom templates", () => {
  it("rejects a template with a duplicate table number or an empty-table note without 空表", () => {
    const dup = { ...MINISTRY_8_TEMPLATE, tables: MINISTRY_8_TEMPLATE.tables.map((t) => ({ ...t, number: 1 })) };
    const r = parseTemplate(dup);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain("表号 1 重复");
    const badNote = { ...MINISTRY_8_TEMPLATE, tables: [{ ...MINISTRY_8_TEMPLATE.tables[0], emptyNote: "无数据" }] };
    expect(parseTemplate(badNote).ok).toBe(false);
  });

  it("follows a copy with renamed, reordered tables and renamed sections", () => {
    const copy: DisclosureTemplate = {
      ...MINISTRY_8_TEMPLATE,
      id: "custom-1",
      name: "本区样式",
      tables: [table(MINISTRY_8_TEMPLATE, 2), { ...table(MINISTRY_8_TEMPLATE, 0), title: "收支总表（本区）" }],
      sections: [{ key: "sanggong", heading: "{单位}{年度}年“三公”经费说明" }, { key: "overview" }],
    };
    const d = computeDisclosure({ ...reference023002_2024, template: copy });
    expect(d.tables.map((t) => `${t.number} ${t.title}`)).toEqual(["1 部门支出总表", "2 收支总表（本区）"]);
    expect(d.explanation.sections.map((s) => s.heading)).toEqual([
      "一、和平区人力资源和社会保障事务服务中心2024年“三公”经费说明",
      "二、关于和平区人力资源和社会保障事务服务中心 2024 年收支预算的总体说明",
    ]);
    expect(errors(d)).toEqual([]);
  });
});
