/**
 * Golden test: the engine's tables for the reference input against the seed's printed tables,
 * every cell.
 */
import { describe, expect, it } from "vitest";
import { reference023002_2024 } from "@/lib/sample/reference-023002-2024";
import { Decimal, toDisplayString } from "../money";
import { seedNotes, seedTable16, seedTable17, seedTables } from "./__fixtures__/seed-2024";
import { computeDisclosure, displayCell, headerRows, leafColumns, TABLE_TITLES } from "./index";
import type { DisclosureTable, LeafColumn } from "./index";

const disclosure = computeDisclosure(reference023002_2024);
const table = (n: number): DisclosureTable => {
  const t = disclosure.tables[n - 1];
  if (!t) throw new Error(`table ${n}`);
  return t;
};

function column(t: DisclosureTable, key: string): LeafColumn {
  const c = leafColumns(t.columns).find((l) => l.key === key);
  if (!c) throw new Error(`table ${t.number} has no column ${key}`);
  return c;
}

describe("golden: seed tables 1–15, every cell", () => {
  for (let n = 1; n <= 15; n++) {
    it(`表${n} ${TABLE_TITLES[n]}`, () => {
      const seed = seedTables[n];
      if (!seed) throw new Error(`fixture ${n}`);
      const t = table(n);
      const printed = t.rows.map((row) => seed.columns.map((key) => displayCell(column(t, key), row.cells[key])));
      expect(printed).toEqual(seed.rows);
      // the engine's columns beyond the seed's (table 2's 其他收入, table 14's 中小企业) are empty here
      const extra = leafColumns(t.columns).filter((c) => !seed.columns.includes(c.key));
      for (const row of t.rows) for (const c of extra) expect(row.cells[c.key] ?? null, `${n} ${c.key}`).toBeNull();
    });
  }

  it("prints 万元 and the unit's name on every table", () => {
    for (const t of disclosure.tables) {
      expect(t.unit).toBe("万元");
      expect(t.unitName).toBe("沈阳市和平区人力资源和社会保障事务服务中心");
      expect(t.title).toBe(TABLE_TITLES[t.number]);
    }
    expect(disclosure.tables.map((t) => t.number)).toEqual([...Array(17).keys()].map((i) => i + 1));
  });

  it("marks exactly tables 7, 8, 13, 14, 15 empty, each with its note; no 尾差 note", () => {
    expect(disclosure.tables.filter((t) => t.empty).map((t) => t.number)).toEqual([7, 8, 13, 14, 15]);
    for (const t of disclosure.tables) {
      if (t.empty) expect(t.notes.some((x) => x.includes("空表"))).toBe(true);
      else expect(t.notes).toEqual([]);
    }
    expect(table(8).notes).toContain(seedNotes[8]);
  });

  it("keeps the exact 元 behind every printed figure", () => {
    expect(table(1).sides?.income.find((l) => l.key === "in:total")?.exact).toBe("51140400.00");
    expect(table(3).rows[0]?.exact.project).toBe("43133800.00");
    expect(table(11).rows.find((r) => r.code === "507")?.exact.carryover_gpb).toBe("8781400.00");
    for (const t of disclosure.tables) {
      for (const row of t.rows) {
        for (const [key, exact] of Object.entries(row.exact)) {
          const printed = row.cells[key] ?? null;
          const expected = new Decimal(exact).isZero() ? null : toDisplayString(exact, "wan");
          expect(printed, `表${t.number} ${row.name} ${key}`).toBe(expected);
        }
      }
    }
  });

  it("builds the header trees the seed prints", () => {
    const labels = (n: number) => headerRows(table(n).columns).map((r) => r.map((c) => `${c.label}:${c.colspan}x${c.rowspan}`));
    expect(labels(3)).toEqual([
      ["科目编码:1x2", "科目名称:1x2", "合计:1x2", "基本支出:3x1", "项目支出:1x2"],
      ["小计:1x1", "人员经费:1x1", "公用经费:1x1"],
    ]);
    expect(labels(5)[0]).toEqual(["科目编码:1x3", "科目名称:1x3", "本年一般公共预算支出:5x1"]);
    expect(labels(10)[0]).toEqual(["科目编码:1x2", "科目名称:1x2", "总计:1x2", "本年收入:6x1", "上年结转结余:6x1"]);
    expect(labels(10)[1]).toEqual([
      ...["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"].map((l) => `${l}:1x1`),
      ...["合计", "一般公共预算", "政府性基金预算", "国有资本经营预算", "财政专户管理资金", "单位资金"].map((l) => `${l}:1x1`),
    ]);
    expect(labels(2)[1]).toContain("单位资金:6x1");
    expect(labels(7)).toEqual([
      ["“三公”经费合计:1x2", "因公出国（境）费:1x2", "公务用车购置及运行费:3x1", "公务接待费:1x2"],
      ["小计:1x1", "公务用车购置费:1x1", "公务用车运行费:1x1"],
    ]);
  });
});

describe("golden: tables 16 and 17", () => {
  it("表16: header line, tasks, goal and indicators", () => {
    const t = table(16);
    const [block] = t.overall ?? [];
    expect(t.overall).toHaveLength(1);
    expect(block?.unitLabel).toBe(seedTable16.unitLabel);
    expect(block?.tasks.map((x) => [x.name, x.value])).toEqual(seedTable16.tasks);
    expect(block?.goal).toMatch(/^我区人社系统在区委、区政府的正确领导下/u);
    expect(block?.indicators).toHaveLength(seedTable16.indicatorCount);
    const row = (i: number) => {
      const r = t.rows[i];
      return r ? ["level1", "level2", "level3", "operator", "value", "unit", "deadline"].map((k) => r.cells[k]) : [];
    };
    expect(t.rows).toHaveLength(seedTable16.indicatorCount);
    expect(row(0)).toEqual(seedTable16.firstIndicator);
    expect(row(seedTable16.indicatorCount - 1)).toEqual(seedTable16.lastIndicator);
  });

  it("表17: one block per project with targets, 预算资金情况 = current-year amount", () => {
    const blocks = table(17).projects ?? [];
    expect(blocks.map((b) => [b.projectName, b.value])).toEqual(seedTable17.blocks);
    for (const b of blocks) {
      expect(b.departmentName).toBe(seedTable17.departmentName);
      expect(b.unitName).toBe(seedTable17.unitName);
      expect(b.goal.length).toBeGreaterThan(0);
      expect(b.indicators.length).toBeGreaterThan(0);
    }
    expect(blocks.find((b) => b.projectName === "网络租赁费")?.goal).toBe(
      "建设基层信息系统，改造就业失业管理信息系统基层联网方式，保障就业工作正常开展",
    );
    // the carried-over-only project has no targets and no block
    expect(blocks.some((b) => b.projectName === "人力资源和社会保障保障专项业务经费")).toBe(false);
    expect(table(17).rows.length).toBe(blocks.reduce((n, b) => n + b.indicators.length, 0));
  });
});

describe("golden: checks and summary", () => {
  it("the reference budget passes every check", () => {
    expect(disclosure.checks).toEqual([]);
  });

  it("summarises", () => {
    expect(disclosure.summary).toMatchObject({
      total: "51140400.00",
      basic: "8006600.00",
      personnel: "6716900.00",
      public: "1289700.00",
      project: "43133800.00",
      current: "40309000.00",
      carryover: "10831400.00",
      fiscal: "51140400.00",
      sanggong: "0.00",
      byFunctionClass: [
        { code: "208", name: "社会保障和就业支出", amount: "50120200.00" },
        { code: "210", name: "卫生健康支出", amount: "318500.00" },
        { code: "221", name: "住房保障支出", amount: "701700.00" },
      ],
    });
  });

  it("prints 元 when the setting says so", () => {
    const inYuan = computeDisclosure({ ...reference023002_2024, amountUnit: "yuan" });
    expect(inYuan.tables.every((t) => t.unit === "元")).toBe(true);
    expect(inYuan.tables[2]?.rows[0]?.cells.total).toBe("51140400.00");
    expect(inYuan.explanation.sections[0]?.paragraphs.join("")).toContain("51140400.00 元");
    expect(inYuan.checks).toEqual([]);
  });
});

describe("golden: the two-sided tables 1 and 4", () => {
  it("pair income and expenditure lines without passing a 类 code off as the row's code", () => {
    for (const n of [1, 4]) {
      const table = disclosure.tables[n - 1]!;
      expect(table.rows.every((r) => r.code === null)).toBe(true);
      // The expenditure side keeps its 类 codes where a consumer needs them.
      expect(table.sides!.expenditure.filter((l) => l.code).map((l) => l.code)).toEqual(["208", "210", "221"]);
    }
  });
});
