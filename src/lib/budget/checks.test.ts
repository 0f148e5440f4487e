/**
 * Every check fires on data that breaks it, and bad input never yields NaN, Infinity, floats or
 * a silently dropped line.
 */
import { describe, expect, it } from "vitest";
import { reference023002_2024 as ref } from "@/lib/sample/reference-023002-2024";
import { CHECK_RULES, checkDisclosure, computeDisclosure } from "./index";
import type { BudgetInput, Check, Disclosure, DisclosureTable, LineItem, TableRow } from "./index";

type Case = {
  id: string;
  why: string;
  input?: (i: BudgetInput) => BudgetInput;
  tamper?: (d: Disclosure) => void;
};

const line = (over: Partial<LineItem>): LineItem => ({
  id: "bad",
  functionCode: "2080150",
  economicCode: "30201",
  kind: "public",
  projectId: null,
  source: "gpb",
  period: "current",
  amount: "0.00",
  ...over,
});
const withLine = (over: Partial<LineItem>) => (i: BudgetInput): BudgetInput => ({ ...i, lineItems: [...i.lineItems, line(over)] });
const t = (d: Disclosure, n: number): DisclosureTable => {
  const x = d.tables[n - 1];
  if (!x) throw new Error(`table ${n}`);
  return x;
};
const row = (d: Disclosure, n: number, code: string | null, level?: string): TableRow => {
  const r = t(d, n).rows.find((x) => x.code === code && (level === undefined || x.level === level));
  if (!r) throw new Error(`row ${code} in table ${n}`);
  return r;
};
const side = (d: Disclosure, n: number, key: string) => {
  const s = [...(t(d, n).sides?.income ?? []), ...(t(d, n).sides?.expenditure ?? [])].find((l) => l.key === key);
  if (!s) throw new Error(key);
  return s;
};
const procurement = (i: BudgetInput): BudgetInput => ({
  ...i,
  procurement: [
    { id: "g1", projectId: "p01", name: "网络设备", category: "goods", source: "gpb", period: "current", amount: "100000.00", smeReserved: "40000.00" },
  ],
});

const CASES: Case[] = [
  { id: "BUD-C001", why: "收入总计 ≠ 支出总计", tamper: (d) => void (side(d, 1, "in:total").exact = "1.00") },
  { id: "BUD-C002", why: "本年 + 结转 ≠ 总计", tamper: (d) => void (side(d, 1, "in:carryover").exact = "1.00") },
  { id: "BUD-C003", why: "类 ≠ Σ款", tamper: (d) => void (row(d, 3, "208").exact.total = "1.00") },
  { id: "BUD-C004", why: "经济类 ≠ Σ款", tamper: (d) => void (row(d, 12, "301").exact.current_gpb = "1.00") },
  { id: "BUD-C005", why: "基本 ≠ 人员 + 公用", tamper: (d) => void (row(d, 6, "30101").exact.personnel = "1.00") },
  { id: "BUD-C006", why: "表5 ≠ 表4 一般公共预算", tamper: (d) => void (side(d, 4, "in:current_gpb").exact = "1.00") },
  { id: "BUD-C007", why: "表11 ≠ 表10", tamper: (d) => void (row(d, 11, null, "total").exact.total = "1.00") },
  { id: "BUD-C008", why: "人员经费 with 302", input: withLine({ kind: "personnel", economicCode: "30201", amount: "1.00" }) },
  { id: "BUD-C009", why: "公用经费 with 301", input: withLine({ kind: "public", economicCode: "30101", amount: "1.00" }) },
  { id: "BUD-C010", why: "unknown function code", input: withLine({ functionCode: "2089999", amount: "1.00" }) },
  {
    id: "BUD-C010",
    why: "a 款 missing from the catalogue while its 项 are there",
    input: (i) => ({ ...i, catalogs: { ...i.catalogs, functions: i.catalogs.functions.filter((f) => f.code !== "20801") } }),
  },
  { id: "BUD-C011", why: "unknown economic code", input: withLine({ economicCode: "30298", amount: "1.00" }) },
  {
    id: "BUD-C012",
    why: "economic code without a gov mapping",
    input: (i) => ({ ...i, catalogs: { ...i.catalogs, econMapping: i.catalogs.econMapping.filter((m) => m.deptCode !== "30201") } }),
  },
  { id: "BUD-C013", why: "project line without project", input: withLine({ kind: "project", economicCode: "30299", amount: "1.00" }) },
  { id: "BUD-C014", why: "project line with unknown project", input: withLine({ kind: "project", projectId: "nope", amount: "1.00" }) },
  { id: "BUD-C015", why: "basic line with a project", input: withLine({ projectId: "p01", amount: "1.00" }) },
  { id: "BUD-C016", why: "project without targets", input: (i) => ({ ...i, targets: i.targets.filter((x) => x.projectId !== "p10") }) },
  {
    id: "BUD-C017",
    why: "tasks ≠ basic expenditure",
    input: (i) => ({
      ...i,
      targets: i.targets.map((x) => (x.projectId === null ? { ...x, tasks: x.tasks.slice(1) } : x)),
    }),
  },
  { id: "BUD-C018", why: "no overall target", input: (i) => ({ ...i, targets: i.targets.filter((x) => x.projectId !== null) }) },
  { id: "BUD-C019", why: "negative amount", input: withLine({ amount: "-5.00" }) },
  { id: "BUD-C020", why: "finer than 分", input: withLine({ amount: "1.005" }) },
  { id: "BUD-C021", why: "malformed amount", input: withLine({ amount: "12,00" }) },
  { id: "BUD-C022", why: "三公 total ≠ parts", tamper: (d) => void ((t(d, 7).rows[0] as TableRow).exact.vehicle_total = "1.00") },
  { id: "BUD-C023", why: "表4 支出 ≠ 财政拨款 parts", tamper: (d) => void (side(d, 4, "out:total").exact = "1.00") },
  {
    id: "BUD-C024",
    why: "采购 total ≠ 货物 + 工程 + 服务",
    input: procurement,
    tamper: (d) => void (row(d, 14, null, "total").exact.total = "1.00"),
  },
  {
    id: "BUD-C025",
    why: "中小企业 above the total",
    input: (i) => ({ ...procurement(i), procurement: procurement(i).procurement.map((p) => ({ ...p, smeReserved: "100000.01" })) }),
  },
  {
    id: "BUD-C026",
    why: "target funds above 项目支出",
    tamper: (d) => {
      const block = t(d, 17).projects?.[0];
      if (block) block.exact = "99999999999.00";
    },
  },
  { id: "BUD-C027", why: "total changed without reason", input: (i) => ({ ...i, narrative: { ...i.narrative, totalChangeReason: " " } }) },
  {
    id: "BUD-C028",
    why: "三公 changed without reason",
    input: (i) => ({ ...i, baseline: { total: "54331700.00", sanggong: { abroad: "0", reception: "10000.00", vehiclePurchase: "0", vehicleOperation: "0" } } }),
  },
  { id: "BUD-C029", why: "leftover in the explanation", input: (i) => ({ ...i, narrative: { ...i.narrative, totalChangeReason: "XX原因" } }) },
  { id: "BUD-C030", why: "leftover in a project's content", input: (i) => ({ ...i, projects: i.projects.map((p, k) => (k === 0 ? { ...p, content: "待填写" } : p)) }) },
  { id: "BUD-C031", why: "empty table without its note", tamper: (d) => void (t(d, 8).notes = []) },
  { id: "BUD-C032", why: "表5 基本 ≠ 表6", tamper: (d) => void (row(d, 6, null, "total").exact.total = "1.00") },
  { id: "BUD-C034", why: "万元 and 元 in one sentence", input: (i) => ({ ...i, narrative: { ...i.narrative, overview: "本年新增预算 5 万元，其中 300 元用于印刷" } }) },
  { id: "BUD-C035", why: "unknown kind", input: withLine({ kind: "bogus" as LineItem["kind"], amount: "1.00" }) },
  { id: "BUD-C040", why: "target for a missing project", input: (i) => ({ ...i, targets: [...i.targets, { projectId: "ghost", goal: "g", tasks: [], indicators: [] }] }) },
  { id: "BUD-C042", why: "unit row ≠ Σ projects", tamper: (d) => void (row(d, 9, "023002", "unit").exact.current_gpb = "1.00") },
  { id: "BUD-C043", why: "本年合计 ≠ Σ sources", tamper: (d) => void (row(d, 10, "210").exact.current_total = "1.00") },
  { id: "BUD-C044", why: "no assets", input: (i) => ({ ...i, assets: null }) },
  { id: "BUD-C045", why: "line of a unit outside the input", input: withLine({ unitCode: "999999", amount: "1.00" }) },
  { id: "BUD-C048", why: "表1 income parts ≠ 本年收入合计", tamper: (d) => void (side(d, 1, "in:current_gpb").exact = "1.00") },
  {
    id: "BUD-C049",
    why: "unknown procurement category",
    input: (i) => ({ ...procurement(i), procurement: procurement(i).procurement.map((p) => ({ ...p, category: "misc" as "goods" })) }),
  },
  { id: "BUD-C050", why: "a cell that is not a number", tamper: (d) => void (row(d, 3, "208").exact.project = "NaN") },
];

function run(c: Case): Check[] {
  const input = c.input ? c.input(ref) : ref;
  const d = computeDisclosure(input);
  if (!c.tamper) return d.checks;
  const copy = structuredClone(d);
  c.tamper(copy);
  return checkDisclosure(input, copy);
}

describe("every check fires on data that breaks it", () => {
  it("covers every rule", () => {
    expect(new Set(CASES.map((c) => c.id))).toEqual(new Set(CHECK_RULES.map((r) => r.id)));
  });

  for (const c of CASES) {
    it(`${c.id}: ${c.why}`, () => {
      const rule = CHECK_RULES.find((r) => r.id === c.id);
      const fired = run(c).filter((x) => x.id === c.id);
      expect(fired.length, `${c.id} did not fire`).toBeGreaterThan(0);
      for (const f of fired) {
        expect(f.severity).toBe(rule?.severity);
        expect(f.message).toMatch(/[\u4e00-\u9fff]/u);
      }
    });
  }

  it("the untouched reference passes, and so does a re-check of a JSON round trip", () => {
    const d = computeDisclosure(ref);
    expect(d.checks).toEqual([]);
    expect(checkDisclosure(ref, JSON.parse(JSON.stringify(d)) as Disclosure)).toEqual([]);
  });
});

const PRINTED = /^-?\d+\.\d{2}$/;
const EXACT = /^-?\d+\.\d{2,}$/;

function assertClean(d: Disclosure): void {
  // figures only: check messages may quote the bad input itself ("金额“NaN”不是有效的数字")
  const json = JSON.stringify([d.tables, d.summary, d.yearOverYear, d.explanation]);
  expect(json).not.toMatch(/NaN|Infinity|\de[+-]\d/u);
  for (const table of d.tables) {
    for (const r of table.rows) {
      for (const [k, v] of Object.entries(r.exact)) {
        expect(v, `${table.number} ${k}`).toMatch(EXACT);
        const shown = r.cells[k];
        if (shown !== null && shown !== undefined) expect(shown).toMatch(PRINTED);
      }
    }
  }
}

describe("bad input never yields NaN, floats or dropped rows", () => {
  const bad: LineItem[] = [
    line({ id: "b1", functionCode: "2089999", economicCode: "30201", amount: "100.00" }), // unknown 项
    line({ id: "b2", functionCode: "208", economicCode: "30201", amount: "200.00" }), // 类 code used as 项
    line({ id: "b3", economicCode: "399", amount: "300.00" }), // bad economic code
    line({ id: "b4", amount: "abc" }),
    line({ id: "b5", amount: "NaN" }),
    line({ id: "b6", amount: "Infinity" }),
    line({ id: "b7", amount: 1.1 as unknown as string }),
    line({ id: "b8", amount: "0.001" }),
    line({ id: "b9", amount: "-7.00" }),
    line({ id: "b10", kind: "project", economicCode: "30299", amount: "400.00" }), // no project
    line({ id: "b11", kind: "personnel", economicCode: "30201", amount: "500.00" }), // personnel with 302
  ];
  const input: BudgetInput = { ...ref, lineItems: [...ref.lineItems, ...bad] };
  const d = computeDisclosure(input);
  const ids = (lineItemId: string) => d.checks.filter((c) => c.lineItemId === lineItemId).map((c) => c.id);

  it("names each bad line in a check", () => {
    expect(ids("b1")).toContain("BUD-C010");
    expect(ids("b2")).toContain("BUD-C010");
    expect(ids("b3")).toContain("BUD-C011");
    for (const id of ["b4", "b5", "b6", "b7"]) expect(ids(id)).toContain("BUD-C021");
    expect(ids("b8")).toContain("BUD-C020");
    expect(ids("b9")).toContain("BUD-C019");
    expect(ids("b10")).toContain("BUD-C013");
    expect(ids("b11")).toContain("BUD-C008");
  });

  it("keeps every line in the tables", () => {
    const t3 = t(d, 3);
    expect(t3.rows.find((r) => r.code === "2089999")?.name).toBe("（未知科目）");
    const bucket = t3.rows.find((r) => r.code === null && r.level === "类");
    expect(bucket?.name).toBe("（科目编码不规范）");
    expect(t3.rows.find((r) => r.code === "208" && r.level === "项")?.exact.total).toBe("200.00");
    expect(t(d, 12).rows.find((r) => r.code === "399" && r.level === "款")?.name).toBe("（未知科目）");
    // exact total = reference + every readable amount (bad ones count as zero, and are named)
    expect(t3.rows[0]?.exact.total).toBe("51141893.001");
    expect(t(d, 9).rows.find((r) => r.name === "（未指定项目）")?.exact.total).toBe("400.00");
    expect(t(d, 11).rows.some((r) => r.name === "（未对照政府预算经济分类）")).toBe(true);
  });

  it("prints only well-formed figures, and the tables still add up", () => {
    assertClean(d);
    const tableErrors = d.checks.filter((c) => ["BUD-C001", "BUD-C002", "BUD-C003", "BUD-C004", "BUD-C007", "BUD-C042", "BUD-C043"].includes(c.id));
    expect(tableErrors).toEqual([]);
  });

  it("survives garbage everywhere", () => {
    const garbage = {
      ...ref,
      lineItems: [line({ id: "g", functionCode: "", economicCode: "", kind: "x" as LineItem["kind"], source: "y" as LineItem["source"], period: "z" as LineItem["period"], amount: "" })],
      projects: [],
      targets: [{ projectId: null, goal: "", tasks: [{ name: "t", amount: "1e9" }], indicators: [] }],
      procurement: [{ id: "p", projectId: null, name: "n", category: "goods" as const, source: "gpb" as const, period: "current" as const, amount: "-1", smeReserved: "x" }],
      baseline: { total: "oops" },
    } satisfies BudgetInput;
    const g = computeDisclosure(garbage);
    assertClean(g);
    expect(g.checks.some((c) => c.id === "BUD-C035" && c.lineItemId === "g")).toBe(true);
    expect(g.checks.some((c) => c.id === "BUD-C021" && c.entityId === "p")).toBe(true);
  });
});
