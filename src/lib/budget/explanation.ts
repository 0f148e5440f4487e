/**
 * 情况说明: the figures behind the text and the text itself, generated from the numbers plus the
 * preparer's reasons. Every amount in a sentence uses the disclosure's unit; nothing here is a
 * template with blanks to fill.
 */
import { Decimal, ZERO, formatForText, inspectMoney, percentOf, toYuanString, unitLabel, withThousands, YUAN_PER_WAN } from "../money";
import { toDecimal } from "./fixed";
import { FISCAL_SOURCES, cellIndex, indicesOf, sumVecOrZero, type CellFilter, type Ledger } from "./ledger";
import type { Change, Explanation, ExplanationSection, YearOverYear } from "./model";
import { figuresOf } from "./yoy";
import { overallTargets, projectCurrentAmounts, projectTargets } from "./performance";
import { disclosureSettingsOf } from "./settings";
import { chineseNumeral } from "./tables";
import { DEFAULT_TEMPLATE, SECTION_HEADINGS, type DisclosureTemplate, type SectionDefinition, type SectionKey, type TextNumberStyle } from "./template";
import { DEFAULT_EXPLANATION_SECTIONS, EXPLANATION_SECTION_KEYS, budgetWording, type AmountUnit, type BudgetInput } from "./types";

/**
 * An amount in running text, in `unit`, as the template's style writes it: "plain" as the seed
 * ("5114.04", "0"), "thousands" ("5,114.04"), "whole" ("12,345", half-up to the unit), "trim"
 * ("1,230", "1,230.5": two decimals half-up, trailing zeros dropped).
 */
export function textAmount(yuan: Decimal, unit: AmountUnit, style: TextNumberStyle): string {
  if (style === "plain") return formatForText(yuan, unit);
  const inUnit = unit === "wan" ? yuan.div(YUAN_PER_WAN) : yuan;
  if (inUnit.isZero()) return "0";
  let s = inUnit.toFixed(style === "whole" ? 0 : 2, Decimal.ROUND_HALF_UP);
  if (/^-0(\.0+)?$/.test(s)) s = s.slice(1);
  if (style === "trim") s = s.replace(/\.00$/, "").replace(/(\.\d)0$/, "$1");
  return withThousands(s);
}

export function unitShortName(input: BudgetInput): string {
  const s = input.unit.shortName?.trim();
  return s ? s : input.unit.name;
}

/** 机关运行经费: basic 公用经费 from 一般公共预算 (current year) of 行政单位 and 参公 units. */
export function operatingExpenses(ledger: Ledger): { applicable: boolean; amount: Decimal } {
  const applicable = ledger.units.some((u) => u.unit.type === "admin" || u.unit.type === "civil_servant_managed");
  let amount = 0n;
  // 公用经费 · 一般公共预算 · 本年, summed over the units of those types (each line is in its unit's vector).
  const slot = cellIndex("current", "gpb", "public");
  for (const u of ledger.units) {
    if (u.unit.type !== "admin" && u.unit.type !== "civil_servant_managed") continue;
    const v = u.vec[slot];
    if (v !== undefined) amount += v;
  }
  return { applicable, amount: toDecimal(amount, ledger.scale) };
}

export interface ProcurementTotals {
  total: Decimal;
  goods: Decimal;
  works: Decimal;
  services: Decimal;
  smeReserved: Decimal;
}

export function procurementTotals(input: BudgetInput): ProcurementTotals {
  const t: ProcurementTotals = { total: ZERO, goods: ZERO, works: ZERO, services: ZERO, smeReserved: ZERO };
  for (const p of input.procurement) {
    const a = inspectMoney(p.amount);
    const s = inspectMoney(p.smeReserved);
    const amount = a.ok ? a.value : ZERO;
    t.total = t.total.plus(amount);
    if (p.category === "goods") t.goods = t.goods.plus(amount);
    else if (p.category === "works") t.works = t.works.plus(amount);
    else if (p.category === "services") t.services = t.services.plus(amount);
    if (s.ok) t.smeReserved = t.smeReserved.plus(s.value);
  }
  return t;
}

export interface PerformanceCoverage {
  overallRequired: number;
  overallSet: number;
  projectsRequired: number;
  projectsSet: number;
  /** Projects with current-year money and no targets (for the checks). */
  projectsMissing: string[];
}

const coverageCache = new WeakMap<Ledger, PerformanceCoverage>();

/** Computed once per ledger (the explanation and the checks both need it). */
export function performanceCoverage(ledger: Ledger): PerformanceCoverage {
  let cov = coverageCache.get(ledger);
  if (!cov) {
    cov = computeCoverage(ledger);
    coverageCache.set(ledger, cov);
  }
  return cov;
}

function computeCoverage(ledger: Ledger): PerformanceCoverage {
  const members = ledger.units.filter((u) => !u.unknown);
  const overall = overallTargets(ledger);
  const overallSet = members.filter((u) => (overall.get(u.unit.code)?.length ?? 0) > 0).length;
  const amounts = projectCurrentAmounts(ledger);
  const targets = projectTargets(ledger);
  let required = 0;
  let set = 0;
  const missing: string[] = [];
  for (const [id, amount] of amounts) {
    if (amount === 0n) continue;
    required++;
    if (targets.has(id)) set++;
    else missing.push(id);
  }
  return { overallRequired: members.length, overallSet, projectsRequired: required, projectsSet: set, projectsMissing: missing };
}

/** "100" rather than "100.00"; "88.89" stays. */
function coverage(set: number, required: number): string | null {
  const p = percentOf(new Decimal(set), new Decimal(required), 2);
  return p === null ? null : p.replace(/\.00$/, "").replace(/(\.\d)0$/, "$1");
}

/** A preparer's reason as a clause: no trailing punctuation, "主要是由于" unless it already says why. */
function reasonClause(reason: string): string {
  const r = reason.trim().replace(/[。；;，,.\s]+$/u, "");
  if (r === "") return "";
  if (/^(主要|由于|因为|系|因|原因)/u.test(r)) return `，${r}`;
  return `，主要是由于${r}`;
}

function dateText(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const noLeadingZero = (x: string | undefined) => (x ?? "").replace(/^0/, "");
  return `${m[1]} 年 ${noLeadingZero(m[2])} 月 ${noLeadingZero(m[3])} 日`;
}

export interface ExplanationParts {
  ledger: Ledger;
  prior: Ledger | null;
  yoy: YearOverYear;
  /** Sections, their order and headings, and how amounts are written; default: the seed's. */
  template?: DisclosureTemplate;
}

export function buildExplanation({ ledger, prior, yoy, template = DEFAULT_TEMPLATE }: ExplanationParts): Explanation {
  const input = ledger.input;
  const unit: AmountUnit = template.text.unit ?? input.amountUnit;
  const style = template.text.number;
  const label = unitLabel(unit);
  const name = unitShortName(input);
  const year = input.year;
  const py = yoy.priorYear;
  const dec = (s: string) => new Decimal(s);
  const amt = (yuan: Decimal | string) => `${textAmount(typeof yuan === "string" ? dec(yuan) : yuan, unit, style)} ${label}`;
  /** "增加 319.13 万元，增长 5.87%" / "减少 …，下降 …" / "持平" */
  const delta = (c: Change, withPercent: boolean): string => {
    if (c.change === null || c.direction === null) return "";
    if (c.direction === "持平") return `与 ${py} 年持平`;
    const abs = dec(c.change).abs();
    const pct = withPercent && c.percent !== null ? `，${c.direction === "增加" ? "增长" : "下降"} ${c.percent}%` : "";
    return `比 ${py} 年${c.direction} ${amt(abs)}${pct}`;
  };

  const total = yoy.total;
  const totalNow = dec(total.current);

  // 一、总体说明
  const overview: string[] = [];
  // Income by source, 单位资金 source by source; 上年结转结余 last.
  const incomeNow = figuresOf(ledger).sources.map((f) => ({ key: f.key, name: f.name, current: toDecimal(f.value, ledger.scale) }));
  const incomeNames = incomeNow.filter((s) => !s.current.isZero()).map((s) => s.name);
  const classNames = yoy.functionClasses.filter((c) => !dec(c.current).isZero()).map((c) => c.name);
  if (incomeNames.length > 0 || classNames.length > 0) {
    overview.push(
      `按照综合预算的原则，${name}所有收入和支出均纳入部门预算管理。` +
        (incomeNames.length ? `收入包括：${incomeNames.join("、")}。` : "") +
        (classNames.length ? `支出包括：${classNames.join("、")}。` : ""),
    );
  }
  if (input.narrative.overview.trim()) overview.push(input.narrative.overview.trim());

  let totalSentence = `${name} ${year} 年收支总预算 ${amt(totalNow)}`;
  if (total.prior !== null && total.direction !== null && total.change !== null) {
    if (total.direction === "持平") {
      totalSentence += `，与 ${py} 年收支总预算 ${amt(total.prior)}持平。`;
    } else {
      const pct = total.percent !== null ? `，${total.direction === "增加" ? "增长" : "下降"} ${total.percent}%` : "";
      totalSentence +=
        `，比 ${py} 年收支总预算 ${amt(total.prior)}${total.direction} ${amt(dec(total.change).abs())}${pct}` +
        `${reasonClause(input.narrative.totalChangeReason)}。`;
    }
  } else {
    totalSentence += "。";
  }
  overview.push(totalSentence);

  // Every income source with its amount and its share of the total; against the prior year's
  // budget also its change.
  const sourceChanges = new Map(yoy.sources.map((c) => [c.key, c]));
  const shareOf = (v: Decimal) => `占 ${percentOf(v, totalNow) ?? "0.00"}%`;
  const incomeParts = incomeNow
    .map((s) => ({ ...s, change: sourceChanges.get(s.key) }))
    .filter((s) => !s.current.isZero() || (s.change && !dec(s.change.prior ?? "0").isZero()))
    .map((s) => {
      const parts = [`${s.name} ${amt(s.current)}`];
      if (!s.current.isZero()) parts.push(shareOf(s.current));
      if (s.change) parts.push(delta(s.change, true));
      return parts.filter(Boolean).join("，");
    });
  if (incomeParts.length > 0) overview.push(`其中：${incomeParts.join("；")}。`);
  // With the prior budget on the platform, or an entered baseline that has the same breakdowns.
  if (yoy.basis === "priorBudget" || yoy.sources.length > 0 || yoy.kinds.length > 0) {
    const kinds = yoy.kinds;
    if (kinds.length > 0)
      overview.push(
      `按支出类型分：${kinds
        .map((k) => `${k.name} ${amt(k.current)}，占 ${percentOf(dec(k.current), totalNow) ?? "0.00"}%，${delta(k, true)}`)
        .join("；")}。`,
    );
  }
  const functionClasses = yoy.functionClasses.map((c) => ({ ...c, share: percentOf(dec(c.current), totalNow) }));
  const shownClasses = functionClasses.filter((c) => !(dec(c.current).isZero() && dec(c.prior ?? "0").isZero()));
  if (shownClasses.length > 0) {
    overview.push(
      `按支出功能分类：${shownClasses
        .map((c) => {
          const parts = [`${c.name} ${amt(c.current)}`];
          if (c.share !== null && !dec(c.current).isZero()) parts.push(`占 ${c.share}%`);
          const d = delta(c, true);
          if (d) parts.push(d);
          return parts.join("，");
        })
        .join("；")}。`,
    );
  }

  // 二、三公经费
  const sg = new Map(yoy.sanggong.map((c) => [c.key, c]));
  const sgTotal = sg.get("total");
  const sgText = (key: string) => amt(sg.get(key)?.current ?? "0");
  const sanggong: string[] = [];
  const vehicleDetail =
    !dec(sg.get("vehicle")?.current ?? "0").isZero()
      ? `（其中：公务用车购置费 ${sgText("vehiclePurchase")}，公务用车运行费 ${sgText("vehicleOperation")}）`
      : "";
  let sgSentence =
    `${year} 年“三公”经费财政拨款预算数 ${sgText("total")}，其中：因公出国（境）费 ${sgText("abroad")}；` +
    `公务用车购置及运行费 ${sgText("vehicle")}${vehicleDetail}；公务接待费 ${sgText("reception")}。`;
  if (sgTotal && sgTotal.prior !== null) {
    if (dec(sgTotal.current).isZero() && dec(sgTotal.prior).isZero()) {
      sgSentence += `${year} 年预算数及 ${py} 年预算数均无支出。`;
    } else if (sgTotal.direction === "持平") {
      sgSentence += `与 ${py} 年预算数持平。`;
    } else {
      const items = ["abroad", "vehicle", "reception"]
        .map((k) => sg.get(k))
        .filter((c): c is Change => c !== undefined)
        .map((c) => `${c.name}${c.direction === "持平" ? `与 ${py} 年持平` : `${c.direction} ${amt(dec(c.change ?? "0").abs())}`}`);
      sgSentence +=
        `比 ${py} 年预算数${sgTotal.direction} ${amt(dec(sgTotal.change ?? "0").abs())}，其中：${items.join("；")}` +
        `${reasonClause(input.narrative.sanggongChangeReason)}。`;
    }
  }
  sanggong.push(sgSentence);

  // 三、其他重要事项
  const op = operatingExpenses(ledger);
  const opPrior = prior ? operatingExpenses(prior) : null;
  let opText: string;
  if (!op.applicable) {
    opText = `${name}无机关运行经费。`;
  } else {
    opText = `${year} 年${name}机关运行经费预算 ${amt(op.amount)}`;
    if (opPrior) {
      const diff = op.amount.minus(opPrior.amount);
      opText += diff.isZero()
        ? `，与 ${py} 年持平`
        : `，比 ${py} 年${diff.isPositive() ? "增加" : "减少"} ${amt(diff.abs())}`;
    }
    opText += "。";
  }

  const pt = procurementTotals(input);
  let procurementText = `${year} 年${name}政府采购预算总额 ${amt(pt.total)}`;
  if (!pt.total.isZero()) {
    procurementText +=
      `，其中：政府采购货物预算 ${amt(pt.goods)}、政府采购工程预算 ${amt(pt.works)}、政府采购服务预算 ${amt(pt.services)}` +
      `；面向中小企业预留 ${amt(pt.smeReserved)}，占 ${percentOf(pt.smeReserved, pt.total) ?? "0.00"}%`;
  }
  procurementText += "。";

  const assets = input.assets;
  let assetText: string;
  if (assets) {
    const v = assets.vehicles;
    const vehicles = v.ministerial + v.general + v.enforcement + v.special + v.other;
    assetText =
      `截至 ${dateText(assets.asOf)}，${name}车辆 ${vehicles} 辆，其中：省部级领导干部用车 ${v.ministerial} 辆、` +
      `一般公务用车 ${v.general} 辆、一般执法执勤用车 ${v.enforcement} 辆、特种专业技术用车 ${v.special} 辆、` +
      `其他用车 ${v.other} 辆。单位价值 200 万元以上大型设备 ${assets.largeEquipment} 台（套）。` +
      (assets.note.trim() ? assets.note.trim() : "");
  } else {
    assetText = `${name}无需说明的国有资产占有使用情况。`;
  }

  const cov = performanceCoverage(ledger);
  const overallCoverage = coverage(cov.overallSet, cov.overallRequired);
  const projectsCoverage = coverage(cov.projectsSet, cov.projectsRequired);
  let perfText =
    `根据预算绩效管理要求，${name}在 ${year} 年应编制部门整体绩效目标 ${cov.overallRequired} 个，` +
    `实际编制 ${cov.overallSet} 个` +
    (overallCoverage !== null ? `，编制部门整体绩效目标覆盖率为 ${overallCoverage}%。` : "。");
  perfText +=
    cov.projectsRequired > 0
      ? `${year} 年应编制绩效目标的项目共 ${cov.projectsRequired} 个，实际编制绩效目标的特定目标类项目共 ${cov.projectsSet} 个，` +
        `编制特定目标类项目绩效目标覆盖率为 ${projectsCoverage ?? "0"}%。`
      : `${year} 年无应编制绩效目标的项目。`;

  // The template orders and names the sections; the region-year settings choose which of the
  // optional parts (总体说明, 财政拨款收支, 一般公共预算当年拨款, 三公, 其他重要事项) are printed.
  const settings = disclosureSettingsOf(input);
  const chosen = new Set<string>(settings.explanationSections);
  const optional = new Set<string>(EXPLANATION_SECTION_KEYS);
  const defs: SectionDefinition[] = [...template.sections];
  for (const key of settings.explanationSections) {
    // the default parts are the template's to keep or drop; a part the settings add is inserted
    if (defs.some((d) => d.key === key) || DEFAULT_EXPLANATION_SECTIONS.includes(key)) continue;
    // a chosen part the template lacks goes where the standard order puts it
    const after = EXPLANATION_SECTION_KEYS.slice(EXPLANATION_SECTION_KEYS.indexOf(key) + 1);
    const at = defs.findIndex((d) => (after as readonly string[]).includes(d.key));
    defs.splice(at < 0 ? defs.length : at, 0, { key });
  }
  const printed = defs.filter((d) => !optional.has(d.key) || chosen.has(d.key));
  const paragraphs: Record<Exclude<SectionKey, "fiscal" | "gpb">, string[]> = {
    overview,
    sanggong,
    other: [],
    operating: [opText],
    procurement: [procurementText],
    assets: [assetText],
    performance: [perfText],
  };
  const heading = (d: SectionDefinition) =>
    (d.heading?.trim() || SECTION_HEADINGS[d.key]).replaceAll("{单位}", name).replaceAll("{年度}", String(year));
  const parts = { ledger, prior, name, year, py, amt };
  const sections: ExplanationSection[] = printed.map((d, i) => {
    const n = `${chineseNumeral(i + 1)}、`;
    if (d.key === "fiscal" || d.key === "gpb") {
      const section = d.key === "fiscal" ? fiscalSection(n, parts) : gpbSection(n, parts);
      if (d.heading?.trim()) section.heading = `${n}${heading(d)}`;
      return section;
    }
    const section: ExplanationSection = { heading: `${n}${heading(d)}`, paragraphs: paragraphs[d.key] };
    if (d.children && d.children.length > 0)
      section.subsections = d.children.map((c, j) => ({
        heading: `（${chineseNumeral(j + 1)}）${heading(c)}`,
        paragraphs: c.key === "fiscal" || c.key === "gpb" ? (c.key === "fiscal" ? fiscalSection("", parts) : gpbSection("", parts)).paragraphs : paragraphs[c.key],
      }));
    return section;
  });

  return {
    title: `${name} ${year} 年${budgetWording(settings)}情况说明`,
    sections,
    figures: {
      total,
      sources: yoy.sources,
      kinds: yoy.kinds,
      functionClasses,
      sanggong: yoy.sanggong,
      operatingExpenses: {
        applicable: op.applicable,
        amount: toYuanString(op.amount),
        prior: opPrior ? toYuanString(opPrior.amount) : null,
      },
      procurement: {
        total: toYuanString(pt.total),
        goods: toYuanString(pt.goods),
        works: toYuanString(pt.works),
        services: toYuanString(pt.services),
        smeReserved: toYuanString(pt.smeReserved),
      },
      performance: {
        overallRequired: cov.overallRequired,
        overallSet: cov.overallSet,
        overallCoverage,
        projectsRequired: cov.projectsRequired,
        projectsSet: cov.projectsSet,
        projectsCoverage,
      },
    },
  };
}

/** All text of the explanation, headings included, in reading order. */
export function explanationText(e: Explanation): string {
  const out: string[] = [e.title];
  const walk = (s: ExplanationSection) => {
    out.push(s.heading, ...s.paragraphs);
    for (const sub of s.subsections ?? []) walk(sub);
  };
  for (const s of e.sections) walk(s);
  return out.join("\n");
}

interface SectionParts {
  ledger: Ledger;
  prior: Ledger | null;
  name: string;
  year: number;
  py: number;
  /** An amount in the disclosure's unit with its label, e.g. "5,114.04 万元". */
  amt: (yuan: Decimal | string) => string;
}

/** The exact 元 of the ledger's total over `filter`. */
function sumOf(ledger: Ledger, filter: CellFilter): Decimal {
  return toDecimal(sumVecOrZero(ledger.total, indicesOf(filter)), ledger.scale);
}

/** Function 类 with their exact 元 over `filter` (zero ones left out). */
function classesOf(ledger: Ledger, filter: CellFilter): { code: string; name: string; amount: Decimal }[] {
  const idx = indicesOf(filter);
  return ledger.functions
    .sorted()
    .filter((n) => n.level === "类")
    .map((n) => ({ code: n.code, name: n.name, amount: toDecimal(sumVecOrZero(n.vec, idx), ledger.scale) }))
    .filter((c) => !c.amount.isZero());
}

/** "，比 2023 年增加 12.00 万元，增长 3.10%" against the prior figure, or "" without one. */
function against(now: Decimal, before: Decimal | null, py: number, amt: SectionParts["amt"]): string {
  if (before === null) return "";
  const diff = now.minus(before);
  if (diff.isZero()) return `，与 ${py} 年持平`;
  const up = diff.isPositive();
  const pct = percentOf(diff.abs(), before);
  return `，比 ${py} 年${up ? "增加" : "减少"} ${amt(diff.abs())}${pct !== null ? `，${up ? "增长" : "下降"} ${pct}%` : ""}`;
}

const FISCAL_INCOME: { sources: CellFilter["sources"]; label: string }[] = [
  { sources: ["gpb"], label: "一般公共预算拨款收入" },
  { sources: ["gf"], label: "政府性基金预算拨款收入" },
  { sources: ["soc"], label: "国有资本经营预算拨款收入" },
];

/** 财政拨款收支预算情况: 一般公共预算, 政府性基金 and 国有资本经营 money of both periods. */
function fiscalSection(n: string, p: SectionParts): ExplanationSection {
  const { ledger, prior, name, year, py, amt } = p;
  const all: CellFilter = { sources: FISCAL_SOURCES };
  const total = sumOf(ledger, all);
  const paragraphs: string[] = [];
  let first = `${year} 年${name}财政拨款收支总预算 ${amt(total)}${against(total, prior ? sumOf(prior, all) : null, py, amt)}。`;
  const income = FISCAL_INCOME.map((f) => ({ label: f.label, amount: sumOf(ledger, { periods: ["current"], sources: f.sources }) })).filter(
    (f) => !f.amount.isZero(),
  );
  const carry = sumOf(ledger, { periods: ["carryover"], sources: FISCAL_SOURCES });
  if (!carry.isZero()) income.push({ label: "上年财政拨款结转结余", amount: carry });
  if (income.length > 0) first += `收入包括：${income.map((f) => `${f.label} ${amt(f.amount)}`).join("、")}。`;
  const classes = classesOf(ledger, all);
  if (classes.length > 0) first += `支出包括：${classes.map((c) => `${c.name} ${amt(c.amount)}`).join("、")}。`;
  paragraphs.push(total.isZero() ? `${year} 年${name}无财政拨款收支预算。` : first);
  return { heading: `${n}关于${name} ${year} 年财政拨款收支预算情况的总体说明`, paragraphs };
}

/** 一般公共预算当年拨款: size, structure by function 类, and 基本支出/项目支出. */
function gpbSection(n: string, p: SectionParts): ExplanationSection {
  const { ledger, prior, name, year, py, amt } = p;
  const gpb: CellFilter = { periods: ["current"], sources: ["gpb"] };
  const total = sumOf(ledger, gpb);
  const heading = `${n}关于${name} ${year} 年一般公共预算当年拨款情况说明`;
  if (total.isZero()) return { heading, paragraphs: [`${year} 年${name}无一般公共预算当年拨款。`] };
  const scale = `${year} 年${name}一般公共预算当年拨款 ${amt(total)}${against(total, prior ? sumOf(prior, gpb) : null, py, amt)}。`;
  const classes = classesOf(ledger, gpb);
  const priorClasses = prior ? new Map(classesOf(prior, gpb).map((c) => [c.code, c.amount])) : null;
  const structure =
    classes
      .map((c) => {
        const share = percentOf(c.amount, total);
        const before = priorClasses ? (priorClasses.get(c.code) ?? ZERO) : null;
        return `${c.name} ${amt(c.amount)}${share !== null ? `，占 ${share}%` : ""}${against(c.amount, before, py, amt)}`;
      })
      .join("；") + "。";
  const personnel = sumOf(ledger, { ...gpb, kinds: ["personnel"] });
  const publicFunds = sumOf(ledger, { ...gpb, kinds: ["public"] });
  const project = sumOf(ledger, { ...gpb, kinds: ["project"] });
  const use =
    `基本支出 ${amt(personnel.plus(publicFunds))}，占 ${percentOf(personnel.plus(publicFunds), total) ?? "0.00"}%` +
    `（其中：人员经费 ${amt(personnel)}，公用经费 ${amt(publicFunds)}）；` +
    `项目支出 ${amt(project)}，占 ${percentOf(project, total) ?? "0.00"}%。`;
  return {
    heading,
    paragraphs: [],
    subsections: [
      { heading: "（一）一般公共预算当年拨款规模变化情况", paragraphs: [scale] },
      { heading: "（二）一般公共预算当年拨款结构情况", paragraphs: [`按支出功能分类：${structure}`] },
      { heading: "（三）一般公共预算当年拨款具体使用情况", paragraphs: [use] },
    ],
  };
}
