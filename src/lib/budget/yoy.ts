/**
 * Year over year: this budget against the prior year's, taken from the prior year's budget when
 * it is available (computed by the same engine) or else from the baseline the preparer entered.
 */
import { Decimal, ZERO, inspectMoney, percentOf, toYuanString } from "../money";
import { UNIT_SOURCES, indicesOf, sumVec, type Ledger } from "./ledger";
import type { Change, Direction, YearOverYear } from "./model";
import { sanggongFigures } from "./tables";

interface Figure {
  key: string;
  code?: string;
  name: string;
  value: Decimal;
}

export interface YearFigures {
  total: Decimal;
  sources: Figure[];
  kinds: Figure[];
  functionClasses: Figure[];
  functionItems: Figure[];
  economicClasses: Figure[];
  sanggong: Figure[];
}

export function figuresOf(ledger: Ledger): YearFigures {
  const t = ledger.total;
  const v = (f: Parameters<typeof indicesOf>[0]) => sumVec(t, indicesOf(f)) ?? ZERO;
  const current = (key: string, name: string, sources: Parameters<typeof indicesOf>[0]["sources"]): Figure => ({
    key,
    name,
    value: v({ periods: ["current"], sources }),
  });
  const all = indicesOf({});
  const treeFigures = (nodes: ReturnType<typeof ledger.functions.sorted>, level: string): Figure[] =>
    nodes
      .filter((n) => n.level === level)
      .map((n) => ({ key: n.key, code: n.code, name: n.name, value: sumVec(n.vec, all) ?? ZERO }));
  const sg = sanggongFigures(ledger);
  return {
    total: v({}),
    sources: [
      current("current_gpb", "一般公共预算拨款收入", ["gpb"]),
      current("current_gf", "政府性基金预算拨款收入", ["gf"]),
      current("current_soc", "国有资本经营预算拨款收入", ["soc"]),
      current("current_fsa", "财政专户管理资金收入", ["fsa"]),
      current("current_unit", "单位资金收入", UNIT_SOURCES),
      { key: "carryover", name: "上年结转结余", value: v({ periods: ["carryover"] }) },
    ],
    kinds: [
      { key: "basic", name: "基本支出", value: v({ kinds: ["personnel", "public"] }) },
      { key: "project", name: "项目支出", value: v({ kinds: ["project"] }) },
    ],
    functionClasses: treeFigures(ledger.functions.sorted(), "类"),
    functionItems: treeFigures(ledger.functions.sorted(), "款"),
    economicClasses: treeFigures(ledger.deptEconomic.sorted(), "类"),
    sanggong: [
      { key: "total", name: "“三公”经费", value: sg.total },
      { key: "abroad", name: "因公出国（境）费", value: sg.abroad },
      { key: "vehicle", name: "公务用车购置及运行费", value: sg.vehicleTotal },
      { key: "vehiclePurchase", name: "公务用车购置费", value: sg.vehiclePurchase },
      { key: "vehicleOperation", name: "公务用车运行费", value: sg.vehicleOperation },
      { key: "reception", name: "公务接待费", value: sg.reception },
    ],
  };
}

export function directionOf(change: Decimal): Direction {
  if (change.isZero()) return "持平";
  return change.isPositive() ? "增加" : "减少";
}

export function makeChange(key: string, name: string, current: Decimal, prior: Decimal | null, code?: string): Change {
  const c: Change = {
    key,
    name,
    current: toYuanString(current),
    prior: prior === null ? null : toYuanString(prior),
    change: null,
    direction: null,
    percent: null,
  };
  if (code !== undefined) c.code = code;
  if (prior !== null) {
    const diff = current.minus(prior);
    c.change = toYuanString(diff);
    c.direction = directionOf(diff);
    c.percent = percentOf(diff.abs(), prior);
  }
  return c;
}

/** Changes for two lists of figures: the union of keys, in code order (prior-only ones too). */
function pair(current: Figure[], prior: Figure[] | null, byCode = false): Change[] {
  if (prior === null) return current.map((f) => makeChange(f.key, f.name, f.value, null, f.code));
  const priorByKey = new Map(prior.map((f) => [f.key, f]));
  const keys = new Set<string>([...current.map((f) => f.key), ...prior.map((f) => f.key)]);
  const currentByKey = new Map(current.map((f) => [f.key, f]));
  const ordered = byCode ? [...keys].sort() : [...keys];
  return ordered.map((k) => {
    const c = currentByKey.get(k);
    const p = priorByKey.get(k);
    const code = c?.code ?? p?.code;
    return makeChange(k, c?.name ?? p?.name ?? k, c?.value ?? ZERO, p?.value ?? ZERO, code);
  });
}

function baselineMoney(raw: unknown): Decimal | null {
  const seen = inspectMoney(raw);
  return seen.ok ? seen.value : null;
}

export function yearOverYear(ledger: Ledger, prior: Ledger | null): YearOverYear {
  const input = ledger.input;
  const now = figuresOf(ledger);
  const priorYear = prior ? prior.input.year : input.year - 1;
  if (prior) {
    const before = figuresOf(prior);
    return {
      year: input.year,
      priorYear,
      basis: "priorBudget",
      total: makeChange("total", "收支总预算", now.total, before.total),
      sources: pair(now.sources, before.sources),
      kinds: pair(now.kinds, before.kinds),
      functionClasses: pair(now.functionClasses, before.functionClasses, true),
      functionItems: pair(now.functionItems, before.functionItems, true),
      economicClasses: pair(now.economicClasses, before.economicClasses, true),
      sanggong: pair(now.sanggong, before.sanggong),
    };
  }
  const baseline = input.baseline;
  const priorTotal = baseline ? baselineMoney(baseline.total) : null;
  let sanggongPrior: Figure[] | null = null;
  if (baseline?.sanggong) {
    const s = baseline.sanggong;
    const abroad = baselineMoney(s.abroad);
    const reception = baselineMoney(s.reception);
    const purchase = baselineMoney(s.vehiclePurchase);
    const operation = baselineMoney(s.vehicleOperation);
    if (abroad && reception && purchase && operation) {
      const vehicle = purchase.plus(operation);
      sanggongPrior = [
        { key: "total", name: "“三公”经费", value: abroad.plus(reception).plus(vehicle) },
        { key: "abroad", name: "因公出国（境）费", value: abroad },
        { key: "vehicle", name: "公务用车购置及运行费", value: vehicle },
        { key: "vehiclePurchase", name: "公务用车购置费", value: purchase },
        { key: "vehicleOperation", name: "公务用车运行费", value: operation },
        { key: "reception", name: "公务接待费", value: reception },
      ];
    }
  }
  return {
    year: input.year,
    priorYear,
    basis: priorTotal !== null ? "baseline" : "none",
    total: makeChange("total", "收支总预算", now.total, priorTotal),
    sources: [],
    kinds: [],
    functionClasses: pair(now.functionClasses, null),
    functionItems: pair(now.functionItems, null),
    economicClasses: pair(now.economicClasses, null),
    sanggong: pair(now.sanggong, sanggongPrior),
  };
}
