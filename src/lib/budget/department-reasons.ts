/**
 * 部门汇总情况说明的原因: a department's statement gives, for each change it states, the reason,
 * gathered from its units' own reasons (largest contributions first), and says which units entered
 * or left the comparison and what the change is on a like-for-like basis (按可比口径). Pure: the
 * units' inputs (this year's and, when on file, the prior year's) in, the consolidated narrative out.
 */
import { Decimal, ZERO, formatForText, inspectMoney, unitLabel } from "../money";
import { FISCAL_SOURCES } from "./ledger";
import { SANGGONG_CODES } from "./tables";
import { unitShortName } from "./explanation";
import type { AmountUnit, BudgetInput, Narrative, SourceCode } from "./types";

/** How many units are named one by one; the rest are summed in one clause. */
const NAMED_UNITS = 5;

export interface UnitFigure {
  code: string;
  name: string;
  /** Exact 元; null when the unit has no figure for that year (entered or left). */
  current: Decimal | null;
  prior: Decimal | null;
  /** The unit's own reason for its change (its narrative). */
  reason: string;
}

export interface ChangeBreakdown {
  /** Units only in this year's consolidation (新纳入), largest first. */
  entered: UnitFigure[];
  /** Units only in the prior year's consolidation (不再纳入), largest first. */
  left: UnitFigure[];
  /** Units in both years with a change, largest absolute change first. */
  changed: UnitFigure[];
  /** Σ current − Σ prior over the units in both years. */
  likeForLike: Decimal;
}

const SANGGONG_SET: ReadonlySet<string> = new Set(Object.values(SANGGONG_CODES));
const FISCAL: ReadonlySet<SourceCode> = new Set(FISCAL_SOURCES);

/** 收支总预算: every line, both periods. */
export function unitTotal(input: BudgetInput): Decimal {
  let t = ZERO;
  for (const l of input.lineItems) {
    const m = inspectMoney(l.amount);
    if (m.ok) t = t.plus(m.value);
  }
  return t;
}

/** “三公”经费: 财政拨款 of the budget year on the four economic codes (as table 7 counts it). */
export function unitSanggong(input: BudgetInput): Decimal {
  let t = ZERO;
  for (const l of input.lineItems) {
    if (l.period !== "current" || !FISCAL.has(l.source) || !SANGGONG_SET.has(l.economicCode)) continue;
    const m = inspectMoney(l.amount);
    if (m.ok) t = t.plus(m.value);
  }
  return t;
}

function money(raw: unknown): Decimal | null {
  const m = inspectMoney(raw);
  return m.ok ? m.value : null;
}

function baselineTotal(input: BudgetInput): Decimal | null {
  return input.baseline ? money(input.baseline.total) : null;
}

function baselineSanggong(input: BudgetInput): Decimal | null {
  const s = input.baseline?.sanggong;
  if (!s) return null;
  const parts = [s.abroad, s.reception, s.vehiclePurchase, s.vehicleOperation].map(money);
  if (parts.some((p) => p === null)) return null;
  return parts.reduce<Decimal>((a, b) => a.plus(b as Decimal), ZERO);
}

const bySize = (f: (u: UnitFigure) => Decimal) => (a: UnitFigure, b: UnitFigure) =>
  f(b).abs().comparedTo(f(a).abs()) || a.code.localeCompare(b.code);

/**
 * The change of one figure split by unit. `priorInputs` are the units' prior-year budgets as
 * consolidated (null: the consolidation compares against the units' typed baselines instead).
 */
export function changeBreakdown(
  inputs: BudgetInput[],
  priorInputs: BudgetInput[] | null,
  figure: "total" | "sanggong",
): ChangeBreakdown {
  const of = figure === "total" ? unitTotal : unitSanggong;
  const baselineOf = figure === "total" ? baselineTotal : baselineSanggong;
  const reasonOf = (i: BudgetInput) =>
    figure === "total" ? i.narrative.totalChangeReason : i.narrative.sanggongChangeReason;
  const priorByCode = new Map((priorInputs ?? []).map((p) => [p.unit.code, p]));
  const now = new Set(inputs.map((i) => i.unit.code));
  const entered: UnitFigure[] = [];
  const left: UnitFigure[] = [];
  const changed: UnitFigure[] = [];
  let likeForLike = ZERO;
  for (const i of inputs) {
    const current = of(i);
    const p = priorByCode.get(i.unit.code);
    const prior = priorInputs ? (p ? of(p) : null) : baselineOf(i);
    const u: UnitFigure = { code: i.unit.code, name: unitShortName(i), current, prior, reason: reasonOf(i) };
    if (prior === null) {
      entered.push(u);
      continue;
    }
    const diff = current.minus(prior);
    likeForLike = likeForLike.plus(diff);
    if (!diff.isZero()) changed.push(u);
  }
  for (const p of priorInputs ?? []) {
    if (now.has(p.unit.code)) continue;
    left.push({ code: p.unit.code, name: unitShortName(p), current: null, prior: of(p), reason: "" });
  }
  entered.sort(bySize((u) => u.current ?? ZERO));
  left.sort(bySize((u) => u.prior ?? ZERO));
  changed.sort(bySize((u) => (u.current ?? ZERO).minus(u.prior ?? ZERO)));
  return { entered, left, changed, likeForLike };
}

/** A unit's reason as a clause inside a longer sentence: its own full stops become commas. */
function innerReason(reason: string): string {
  return reason
    .trim()
    .replace(/[。；;]+/gu, "，")
    .replace(/[，,.\s]+$/u, "")
    .replace(/^(主要是由于|主要是因为|主要是|主要由于|由于|因为|系)/u, "");
}

/**
 * The reason text for one figure, or "" when nothing changed. `what` names the figure in the
 * text (收支总预算, “三公”经费); `priorYear` the year compared against.
 */
export function breakdownReason(b: ChangeBreakdown, unit: AmountUnit, priorYear: number, what: string): string {
  const label = unitLabel(unit);
  const amt = (d: Decimal) => `${formatForText(d.abs(), unit)} ${label}`;
  const dir = (d: Decimal) => (d.isZero() ? "持平" : d.isPositive() ? "增加" : "减少");
  const parts: string[] = [];
  const nonZero = (list: UnitFigure[], pick: (u: UnitFigure) => Decimal | null) =>
    list.filter((u) => !(pick(u) ?? ZERO).isZero());
  const entered = nonZero(b.entered, (u) => u.current);
  const left = nonZero(b.left, (u) => u.prior);
  const composition: string[] = [];
  if (entered.length > 0)
    composition.push(
      `新纳入${entered.map((u) => `${u.name}（${what} ${amt(u.current ?? ZERO)}）`).join("、")}`,
    );
  if (left.length > 0)
    composition.push(
      `不再纳入${left.map((u) => `${u.name}（${priorYear} 年${what} ${amt(u.prior ?? ZERO)}）`).join("、")}`,
    );
  const compositionChanged = composition.length > 0;
  if (compositionChanged) parts.push(`部门预算单位构成发生变化，${composition.join("，")}`);

  const named = b.changed.slice(0, NAMED_UNITS);
  const rest = b.changed.slice(NAMED_UNITS);
  const unitClauses = named.map((u) => {
    const d = (u.current ?? ZERO).minus(u.prior ?? ZERO);
    const why = innerReason(u.reason);
    return `${u.name}${dir(d)} ${amt(d)}${why ? `，原因是${why}` : ""}`;
  });
  if (rest.length > 0) {
    const sum = rest.reduce((a, u) => a.plus((u.current ?? ZERO).minus(u.prior ?? ZERO)), ZERO);
    unitClauses.push(
      sum.isZero() ? `其余 ${rest.length} 个单位增减相抵` : `其余 ${rest.length} 个单位合计${dir(sum)} ${amt(sum)}`,
    );
  }
  if (compositionChanged) {
    const lfl = b.likeForLike.isZero()
      ? `按可比口径，${what}与 ${priorYear} 年持平`
      : `按可比口径，${what}比 ${priorYear} 年${dir(b.likeForLike)} ${amt(b.likeForLike)}`;
    parts.push(unitClauses.length > 0 ? `${lfl}，其中：${unitClauses.join("；")}` : lfl);
  } else if (unitClauses.length > 0) {
    parts.push(unitClauses.join("；"));
  }
  if (parts.length === 0) return "";
  return `主要是：${parts.join("；")}`;
}

/**
 * The consolidated narrative: the total's and 三公's reasons built from the units. `priorYear`
 * defaults to the year before the inputs'.
 */
export function departmentNarrative(
  inputs: BudgetInput[],
  priorInputs: BudgetInput[] | null,
  overview = "",
): Narrative {
  const first = inputs[0];
  if (!first) return { totalChangeReason: "", sanggongChangeReason: "", overview };
  const unit = first.amountUnit;
  const priorYear = priorInputs?.[0]?.year ?? first.year - 1;
  return {
    totalChangeReason: breakdownReason(changeBreakdown(inputs, priorInputs, "total"), unit, priorYear, "收支总预算"),
    sanggongChangeReason: breakdownReason(changeBreakdown(inputs, priorInputs, "sanggong"), unit, priorYear, "“三公”经费"),
    overview,
  };
}
