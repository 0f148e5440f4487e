import { describe, expect, it } from "vitest";
import {
  analyse,
  blankRow,
  dropHeaderRow,
  changesOf,
  fillDown,
  lookups,
  parseAmountText,
  parseClipboard,
  pasteBlock,
  rebase,
  resolveCode,
  rowFromSaved,
  subtotals,
  toClipboard,
  type GridRow,
  type SavedLine,
} from "./lines";

const lk = lookups({
  functions: [
    { code: "2080150", name: "事业运行" },
    { code: "2010150", name: "事业运行" },
    { code: "2080505", name: "机关事业单位基本养老保险缴费支出" },
  ],
  economics: [
    { code: "30101", name: "基本工资" },
    { code: "30201", name: "办公费" },
  ],
  sources: [
    { code: "gpb", name: "一般公共预算" },
    { code: "unit_business", name: "事业收入" },
  ],
  projects: [{ id: 7, name: "就业补助" }],
});

const saved: SavedLine[] = [
  { id: 1, functionCode: "2080150", economicCode: "30101", kind: "personnel", projectId: null, source: "gpb", period: "current", amount: "100.00" },
  { id: 2, functionCode: "2080150", economicCode: "30201", kind: "project", projectId: 7, source: "gpb", period: "current", amount: "50.00" },
];
const savedRows = () => saved.map((l) => rowFromSaved(l, lk));

describe("line grid model", () => {
  it("reads a block copied from Excel, quoted cells included", () => {
    expect(parseClipboard('2080150\t30101\t"a\tb"\r\n2080505\t30201\t"say ""hi"""\n')).toEqual([
      ["2080150", "30101", "a\tb"],
      ["2080505", "30201", 'say "hi"'],
    ]);
    expect(parseClipboard(toClipboard([["x\ty", "z"]]))).toEqual([["x\ty", "z"]]);
  });

  it("resolves a code, 'code name', or a unique name", () => {
    expect(resolveCode("2080150", lk.functions)).toBe("2080150");
    expect(resolveCode("2080505 机关事业单位基本养老保险缴费支出", lk.functions)).toBe("2080505");
    expect(resolveCode("机关事业单位基本养老保险缴费支出", lk.functions)).toBe("2080505");
    expect(resolveCode("事业运行", lk.functions)).toBeNull(); // two 项 share the name
    expect(resolveCode("9999999", lk.functions)).toBeNull();
  });

  it("pastes below the rows, adding rows, skipping a header row, and marks wrong cells", () => {
    const block = parseClipboard("支出功能分类\t经济分类\t支出类型\t项目\t资金来源\t期间\t金额（元）\n2080150\t30101\t人员经费\t\t一般公共预算\t本年\t1,234.50\n2089999\t30101\t人员经费\t\t一般公共预算\t本年\t12.345\n");
    const { rows, cells } = pasteBlock(savedRows(), 2, 0, dropHeaderRow(block));
    expect(rows).toHaveLength(4);
    expect(cells).toBe(14);
    const a = analyse(rows, lk);
    expect(a.lines.get(rows[2]!.key)?.amount).toBe("1234.50");
    expect(a.errors.get(rows[3]!.key)).toEqual({ functionCode: expect.stringMatching(/2089999/), amount: expect.stringMatching(/超过 2 位小数/) });
  });

  it("flags exact duplicates and sums by kind, 类 and project", () => {
    const rows: GridRow[] = [...savedRows(), { ...savedRows()[0]!, key: "dup", id: null }];
    const a = analyse(rows, lk);
    expect(a.duplicates.get("dup")).toBe("s1");
    const t = subtotals(a.lines.values(), lk, () => "社会保障和就业支出");
    expect(t.total).toBe("250.00");
    expect(t.byKind).toEqual([
      { key: "personnel", label: "人员经费", amount: "200.00" },
      { key: "project", label: "项目支出", amount: "50.00" },
    ]);
    expect(t.byClass).toEqual([{ key: "208", label: "208 社会保障和就业支出", amount: "250.00" }]);
    expect(t.byProject).toEqual([{ key: "7", label: "就业补助", amount: "50.00" }]);
  });

  it("saves only what changed: edits, new rows, deletions", () => {
    const rows = savedRows();
    rows[0] = { ...rows[0]!, amount: "100" }; // same amount, other spelling: unchanged
    rows[1] = { ...rows[1]!, amount: "60" };
    const added = { ...blankRow(rows[0]), amount: "1万元" };
    const a = analyse([rows[1]!, added], lk);
    const changes = changesOf([rows[1]!, added], new Map(saved.map((l) => [l.id, l])), a);
    expect(changes.delete).toEqual([1]);
    expect(changes.upsert).toEqual([
      expect.objectContaining({ id: 2, amount: "60.00" }),
      expect.objectContaining({ clientKey: added.key, amount: "10000.00", functionCode: "2080150", kind: "personnel" }),
    ]);
  });

  it("fills down and reads amounts with 万元 and full-width digits", () => {
    const rows = fillDown([...savedRows(), blankRow()], 0, 2, ["functionCode", "economicCode"]);
    expect(rows[2]!.economicCode).toBe("30101");
    expect(parseAmountText("１２.５万元")).toEqual({ ok: true, yuan: "125000.00" });
    expect(parseAmountText("待定").ok).toBe(false);
  });

  it("after a conflict keeps what the person typed over the server's rows", () => {
    const before = new Map(savedRows().map((r) => [r.id!, r]));
    const mine = savedRows();
    mine[0] = { ...mine[0]!, amount: "111.00" };
    const server = savedRows();
    server[1] = { ...server[1]!, amount: "55.00" };
    const { rows, changedOnServer } = rebase(mine, before, server);
    expect(rows.map((r) => r.amount)).toEqual(["111.00", "55.00"]);
    expect(changedOnServer).toEqual([expect.stringMatching(/已被他人修改/)]);
  });
});
