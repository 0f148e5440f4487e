/**
 * Column headers of the 17 tables, as the seed prints them, and the helper that turns a header
 * tree into rows of `<th colspan rowspan scope>` (or merged xlsx cells).
 */
import type { Column, GroupColumn, HeaderCell, LeafColumn } from "./model";
import type { ColumnSet, GridTableDefinition, SummaryTableDefinition } from "./template";

export function isGroup(c: Column): c is GroupColumn {
  return "children" in c;
}

/** The value-holding columns, left to right. */
export function leafColumns(columns: Column[]): LeafColumn[] {
  const out: LeafColumn[] = [];
  const walk = (cs: Column[]) => {
    for (const c of cs) {
      if (isGroup(c)) walk(c.children);
      else out.push(c);
    }
  };
  walk(columns);
  return out;
}

function depthOf(columns: Column[]): number {
  let max = 0;
  for (const c of columns) max = Math.max(max, isGroup(c) ? 1 + depthOf(c.children) : 1);
  return max;
}

function leafCount(c: Column): number {
  return isGroup(c) ? c.children.reduce((n, ch) => n + leafCount(ch), 0) : 1;
}

/**
 * Header rows for a column tree: a group spans its leaves (colspan) on one row, a leaf reaches
 * down to the last header row (rowspan). Row r lists the cells that start on row r, left to right.
 */
export function headerRows(columns: Column[]): HeaderCell[][] {
  const depth = depthOf(columns);
  const rows: HeaderCell[][] = Array.from({ length: depth }, () => []);
  const walk = (cs: Column[], level: number, first: number) => {
    let col = first;
    for (const c of cs) {
      const span = leafCount(c);
      const row = rows[level];
      if (!row) throw new Error("header depth");
      if (isGroup(c)) {
        row.push({ label: c.label, colspan: span, rowspan: 1, scope: "colgroup", firstColumn: col });
        walk(c.children, level + 1, col);
      } else {
        row.push({ label: c.label, colspan: 1, rowspan: depth - level, scope: "col", key: c.key, firstColumn: col });
      }
      col += span;
    }
  };
  walk(columns, 0, 0);
  return rows;
}

const amount = (key: string, label: string, sumOf?: string[]): LeafColumn =>
  sumOf ? { key, label, type: "amount", sumOf } : { key, label, type: "amount" };
const text = (key: string, label: string): LeafColumn => ({ key, label, type: "text" });
const code = (): LeafColumn => ({ key: "code", label: "科目编码", type: "code" });
const name = (): LeafColumn => ({ key: "name", label: "科目名称", type: "text" });

/** The five 单位资金 sub-sources, in the order of table 1. */
export const UNIT_FUND_SOURCES = [
  { source: "unit_business", label: "事业收入" },
  { source: "unit_operating", label: "事业单位经营收入" },
  { source: "unit_superior", label: "上级补助收入" },
  { source: "unit_affiliated", label: "附属单位上缴收入" },
  { source: "unit_other", label: "其他收入" },
] as const;

/** 总计 | 本年收入{合计, 一般公共预算 … 单位资金} | 上年结转结余{same}: tables 9, 10–13, 14, 15. */
export function bySourceColumns(opts: { unitBreakdown?: boolean } = {}): Column[] {
  const period = (p: "current" | "carryover", label: string, breakdown: boolean): GroupColumn => {
    const sources = ["gpb", "gf", "soc", "fsa", "unit"].map((s) => `${p}_${s}`);
    const unitCol: Column = breakdown
      ? {
          label: "单位资金",
          children: [
            amount(
              `${p}_unit`,
              "小计",
              UNIT_FUND_SOURCES.map((u) => `${p}_${u.source}`),
            ),
            ...UNIT_FUND_SOURCES.map((u) => amount(`${p}_${u.source}`, u.label)),
          ],
        }
      : amount(`${p}_unit`, "单位资金");
    return {
      label,
      children: [
        amount(`${p}_total`, "合计", sources),
        amount(`${p}_gpb`, "一般公共预算"),
        amount(`${p}_gf`, "政府性基金预算"),
        amount(`${p}_soc`, "国有资本经营预算"),
        amount(`${p}_fsa`, "财政专户管理资金"),
        unitCol,
      ],
    };
  };
  return [
    amount("total", "总计", ["current_total", "carryover_total"]),
    period("current", "本年收入", opts.unitBreakdown ?? false),
    period("carryover", "上年结转结余", false),
  ];
}

export const TWO_SIDED_COLUMNS: Column[] = [
  { label: "收入", children: [text("income_item", "项目"), amount("income_amount", "预算数")] },
  { label: "支出", children: [text("expenditure_item", "项目"), amount("expenditure_amount", "预算数")] },
];

const basicProjectColumns = (): Column[] => [
  amount("total", "合计", ["basic_total", "project"]),
  {
    label: "基本支出",
    children: [
      amount("basic_total", "小计", ["basic_personnel", "basic_public"]),
      amount("basic_personnel", "人员经费"),
      amount("basic_public", "公用经费"),
    ],
  },
  amount("project", "项目支出"),
];

export const COLUMNS = {
  t1: TWO_SIDED_COLUMNS,
  t2: [text("unitName", "单位名称"), ...bySourceColumns({ unitBreakdown: true })],
  t3: [code(), name(), ...basicProjectColumns()],
  t4: TWO_SIDED_COLUMNS,
  t5: [code(), name(), { label: "本年一般公共预算支出", children: basicProjectColumns() }],
  t6: [
    { label: "部门预算支出经济分类科目", children: [code(), name()] },
    {
      label: "本年一般公共预算基本支出",
      children: [
        amount("total", "合计", ["personnel", "public"]),
        amount("personnel", "人员经费"),
        amount("public", "公用经费"),
      ],
    },
  ],
  t7: [
    amount("total", "“三公”经费合计", ["abroad", "vehicle_total", "reception"]),
    amount("abroad", "因公出国（境）费"),
    {
      label: "公务用车购置及运行费",
      children: [
        amount("vehicle_total", "小计", ["vehicle_purchase", "vehicle_operation"]),
        amount("vehicle_purchase", "公务用车购置费"),
        amount("vehicle_operation", "公务用车运行费"),
      ],
    },
    amount("reception", "公务接待费"),
  ],
  t8: [
    code(),
    name(),
    {
      label: "本年政府性基金预算支出",
      children: [amount("total", "合计", ["basic", "project"]), amount("basic", "基本支出"), amount("project", "项目支出")],
    },
  ],
  t9: [
    text("unitName", "单位名称"),
    text("projectName", "项目名称"),
    text("projectContent", "项目内容"),
    ...bySourceColumns(),
  ],
  t10: [code(), name(), ...bySourceColumns()],
  t11: [code(), name(), ...bySourceColumns()],
  t12: [code(), name(), ...bySourceColumns()],
  t13: [text("unitName", "单位名称"), text("projectName", "项目名称"), ...bySourceColumns()],
  t14: [
    text("unitName", "单位名称"),
    text("projectName", "项目名称"),
    ...bySourceColumns(),
    amount("sme_reserved", "其中：面向中小企业预留"),
  ],
  t15: [
    text("unitName", "单位名称"),
    text("functionClass", "支出功能分类（类级）"),
    text("serviceName", "购买服务项目名称"),
    text("serviceCatalogue", "购买服务指导目录对应项目（三级目录代码及名称）"),
    ...bySourceColumns(),
  ],
  performance: [
    text("level1", "一级指标"),
    text("level2", "二级指标"),
    text("level3", "三级指标"),
    text("operator", "运算符号"),
    text("value", "指标值"),
    text("unit", "度量单位"),
    text("deadline", "完成时限"),
  ],
} satisfies Record<string, Column[]>;

/** The amount columns of a grid table's column set. */
export function amountColumns(set: ColumnSet): Column[] {
  switch (set) {
    case "bySource":
      return bySourceColumns();
    case "bySourceDetailed":
      return bySourceColumns({ unitBreakdown: true });
    case "basicProject":
      return basicProjectColumns();
    case "basicProjectBrief":
      return [amount("total", "合计", ["basic", "project"]), amount("basic", "基本支出"), amount("project", "项目支出")];
    case "personnelPublic":
      return [amount("total", "合计", ["personnel", "public"]), amount("personnel", "人员经费"), amount("public", "公用经费")];
  }
}

/** The text columns in front of a grid table's amounts, by what its rows list. */
function leadingColumns(def: GridTableDefinition): Column[] {
  switch (def.rows) {
    case "function":
    case "deptEconomic":
    case "govEconomic":
      return def.codeHeader ? [{ label: def.codeHeader, children: [code(), name()] }] : [code(), name()];
    case "unit":
      return [text("unitName", "单位名称")];
    case "project":
      return [text("unitName", "单位名称"), text("projectName", "项目名称"), text("projectContent", "项目内容")];
    case "debtProject":
      return [text("unitName", "单位名称"), text("projectName", "项目名称")];
  }
}

/** A grid table's whole header tree. */
export function gridColumns(def: GridTableDefinition): Column[] {
  const amounts = amountColumns(def.columns);
  return [...leadingColumns(def), ...(def.header ? [{ label: def.header, children: amounts }] : amounts)];
}

/** 收支总表 with 支出 by 类 and 合计 / 人员经费 / 公用经费 / 项目支出. */
export const TWO_SIDED_KIND_COLUMNS: Column[] = [
  { label: "收入", children: [text("income_item", "项目"), amount("income_amount", "预算数")] },
  {
    label: "支出",
    children: [
      text("expenditure_item", "项目"),
      amount("expenditure_amount", "合计", ["expenditure_personnel", "expenditure_public", "expenditure_project"]),
      amount("expenditure_personnel", "人员经费"),
      amount("expenditure_public", "公用经费"),
      amount("expenditure_project", "项目支出"),
    ],
  },
];

export function summaryColumns(def: SummaryTableDefinition): Column[] {
  return def.expenditure === "classKinds" ? TWO_SIDED_KIND_COLUMNS : TWO_SIDED_COLUMNS;
}
