/**
 * Year over year: this budget against the prior year's, taken from the prior year's budget when
 * it is available (computed by the same engine) or else from the baseline the preparer entered.
 */
import { Decimal, percentOf } from "../money";
import { exactString, parseAmount, rescale, scaleFor, type Scale } from "./fixed";
import { SOURCE_LABELS, UNIT_SOURCES, indicesOf, sumVec, type Ledger } from "./ledger";
import type { Change, Direction, YearOverYear } from "./model";
import { sanggongFigures } from "./tables";

interface Figure {
  key: string;
  code?: string;
  name: string;
  /** Exact, in units of the figures' scale. */
  value: bigint;
}

export interface YearFigures {
  scale: Scale;
  total: bigint;
  sources: Figure[];
  kinds: Figure[];
  functionClasses: Figure[];
  functionItems: Figure[];
  economicClasses: Figure[];
  sanggong: Figure[];
}

const figuresCache = new WeakMap<Ledger, YearFigures>();

/** Computed once per ledger (year over year and the 情况说明 both need them); never mutated. */
export function figuresOf(ledger: Ledger): YearFigures {
  let f = figuresCache.get(ledger);
  if (!f) {
    f = computeFigures(ledger);
    figuresCache.set(ledger, f);
  }
  return f;
}

function computeFigures(ledger: Ledger): YearFigures {
  const t = ledger.total;
  const v = (f: Parameters<typeof indicesOf>[0]) => sumVec(t, indicesOf(f)) ?? 0n;
  const current = (key: string, name: string, sources: Parameters<typeof indicesOf>[0]["sources"]): Figure => ({
    key,
    name,
    value: v({ periods: ["current"], sources }),
  });
  const all = indicesOf({});
  const treeFigures = (nodes: ReturnType<typeof ledger.functions.sorted>, level: string): Figure[] =>
    nodes
      .filter((n) => n.level === level)
      .map((n) => ({ key: n.key, code: n.code, name: n.name, value: sumVec(n.vec, all) ?? 0n }));
  const sg = sanggongFigures(ledger);
  return {
    scale: ledger.scale,
    total: v({}),
    sources: [
      current("current_gpb", "一般公共预算拨款收入", ["gpb"]),
      current("current_gf", "政府性基金预算拨款收入", ["gf"]),
      current("current_soc", "国有资本经营预算拨款收入", ["soc"]),
      current("current_fsa", "财政专户管理资金收入", ["fsa"]),
      // 单位资金, source by source (事业收入, 其他收入, … are named in the 情况说明 one by one).
      ...UNIT_SOURCES.map((source) => current(`current_${source}`, SOURCE_LABELS[source], [source])),
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

export function directionOf(change: bigint): Direction {
  if (change === 0n) return "持平";
  return change > 0n ? "增加" : "减少";
}

/** A change between two exact amounts in units of `scale`. */
export function makeChange(key: string, name: string, current: bigint, prior: bigint | null, scale: Scale, code?: string): Change {
  const c: Change = {
    key,
    name,
    current: exactString(current, scale),
    prior: prior === null ? null : exactString(prior, scale),
    change: null,
    direction: null,
    percent: null,
  };
  if (code !== undefined) c.code = code;
  if (prior !== null) {
    const diff = current - prior;
    c.change = exactString(diff, scale);
    c.direction = directionOf(diff);
    c.percent =
      prior === 0n ? null : percentOf(new Decimal(exactString(diff < 0n ? -diff : diff, scale)), new Decimal(c.prior as string));
  }
  return c;
}

/** Changes for two lists of figures: the union of keys, in code order (prior-only ones too). */
function pair(current: Figure[], prior: Figure[] | null, scale: Scale, byCode = false): Change[] {
  if (prior === null) return current.map((f) => makeChange(f.key, f.name, f.value, null, scale, f.code));
  const priorByKey = new Map(prior.map((f) => [f.key, f]));
  const keys = new Set<string>([...current.map((f) => f.key), ...prior.map((f) => f.key)]);
  const currentByKey = new Map(current.map((f) => [f.key, f]));
  const ordered = byCode ? [...keys].sort() : [...keys];
  return ordered.map((k) => {
    const c = currentByKey.get(k);
    const p = priorByKey.get(k);
    const code = c?.code ?? p?.code;
    return makeChange(k, c?.name ?? p?.name ?? k, c?.value ?? 0n, p?.value ?? 0n, scale, code);
  });
}

/** The same figures in a finer (or equal) scale. */
function rescaled(f: YearFigures, to: Scale): YearFigures {
  if (f.scale === to) return f;
  const r = (list: Figure[]) => list.map((x) => ({ ...x, value: rescale(x.value, f.scale, to) }));
  return {
    scale: to,
    total: rescale(f.total, f.scale, to),
    sources: r(f.sources),
    kinds: r(f.kinds),
    functionClasses: r(f.functionClasses),
    functionItems: r(f.functionItems),
    economicClasses: r(f.economicClasses),
    sanggong: r(f.sanggong),
  };
}

function baselineMoney(raw: unknown, scale: Scale): bigint | null {
  const seen = parseAmount(raw, scale);
  return seen.ok ? seen.value : null;
}

export function yearOverYear(ledger: Ledger, prior: Ledger | null): YearOverYear {
  const input = ledger.input;
  const priorYear = prior ? prior.input.year : input.year - 1;
  if (prior) {
    const scale = ledger.scale.decimals >= prior.scale.decimals ? ledger.scale : prior.scale;
    const now = rescaled(figuresOf(ledger), scale);
    const before = rescaled(figuresOf(prior), scale);
    return {
      year: input.year,
      priorYear,
      basis: "priorBudget",
      total: makeChange("total", "收支总预算", now.total, before.total, scale),
      sources: pair(now.sources, before.sources, scale),
      kinds: pair(now.kinds, before.kinds, scale),
      functionClasses: pair(now.functionClasses, before.functionClasses, scale, true),
      functionItems: pair(now.functionItems, before.functionItems, scale, true),
      economicClasses: pair(now.economicClasses, before.economicClasses, scale, true),
      sanggong: pair(now.sanggong, before.sanggong, scale),
    };
  }
  const baseline = input.baseline;
  const s = baseline?.sanggong;
  const scale = baseline
    ? scaleFor(
        [
          baseline.total,
          s?.abroad,
          s?.reception,
          s?.vehiclePurchase,
          s?.vehicleOperation,
          ...Object.values(baseline.bySource ?? {}),
          baseline.byKind?.basic,
          baseline.byKind?.project,
          ...(baseline.byFunctionClass ?? []).map((f) => f.amount),
        ],
        ledger.scale,
      )
    : ledger.scale;
  const now = rescaled(figuresOf(ledger), scale);
  const priorTotal = baseline ? baselineMoney(baseline.total, scale) : null;
  let sanggongPrior: Figure[] | null = null;
  if (s) {
    const abroad = baselineMoney(s.abroad, scale);
    const reception = baselineMoney(s.reception, scale);
    const purchase = baselineMoney(s.vehiclePurchase, scale);
    const operation = baselineMoney(s.vehicleOperation, scale);
    if (abroad !== null && reception !== null && purchase !== null && operation !== null) {
      const vehicle = purchase + operation;
      sanggongPrior = [
        { key: "total", name: "“三公”经费", value: abroad + reception + vehicle },
        { key: "abroad", name: "因公出国（境）费", value: abroad },
        { key: "vehicle", name: "公务用车购置及运行费", value: vehicle },
        { key: "vehiclePurchase", name: "公务用车购置费", value: purchase },
        { key: "vehicleOperation", name: "公务用车运行费", value: operation },
        { key: "reception", name: "公务接待费", value: reception },
      ];
    }
  }
  // The entered breakdowns (by source, by kind, by 类) compare exactly like a prior budget's.
  const money = (raw: unknown) => (raw === undefined ? 0n : (baselineMoney(raw, scale) ?? 0n));
  const bySource = baseline?.bySource && Object.keys(baseline.bySource).length > 0 ? baseline.bySource : null;
  const sourcesPrior: Figure[] | null = bySource
    ? now.sources.map((f) => {
        const codes = f.key === "carryover" ? ["carryover"] : f.key === "current_unit" ? UNIT_SOURCES : [f.key.replace(/^current_/, "")];
        return { ...f, value: codes.reduce((sum, c) => sum + money(bySource[c as keyof typeof bySource]), 0n) };
      })
    : null;
  const kindsPrior: Figure[] | null = baseline?.byKind
    ? now.kinds.map((f) => ({ ...f, value: money(f.key === "basic" ? baseline.byKind?.basic : baseline.byKind?.project) }))
    : null;
  const classNames = new Map(input.catalogs.functions.map((f) => [f.code, f.name]));
  const classesPrior: Figure[] | null =
    baseline?.byFunctionClass && baseline.byFunctionClass.length > 0
      ? baseline.byFunctionClass.map((f) => ({ key: f.code, code: f.code, name: classNames.get(f.code) ?? f.code, value: money(f.amount) }))
      : null;
  return {
    year: input.year,
    priorYear,
    basis: priorTotal !== null ? "baseline" : "none",
    total: makeChange("total", "收支总预算", now.total, priorTotal, scale),
    sources: sourcesPrior ? pair(now.sources, sourcesPrior, scale) : [],
    kinds: kindsPrior ? pair(now.kinds, kindsPrior, scale) : [],
    functionClasses: pair(now.functionClasses, classesPrior, scale, classesPrior !== null),
    functionItems: pair(now.functionItems, null, scale),
    economicClasses: pair(now.economicClasses, null, scale),
    sanggong: pair(now.sanggong, sanggongPrior, scale),
  };
}
