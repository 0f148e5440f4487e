/**
 * The code crosswalk applied to a prior year's input before it is compared with this year: a
 * code renamed, re-coded or merged since is counted under this year's code, so the year-over-
 * year figures compare like with like. Pure.
 */
import type { BudgetInput, CatalogEntry } from "./types";

export interface Crosswalk {
  /** prior-year function code → this year's code */
  function: ReadonlyMap<string, string>;
  /** prior-year department-economic code → this year's code */
  deptEconomic: ReadonlyMap<string, string>;
}

/** Maps a code, or its 类/款 prefix when only the parent was re-coded (e.g. 20805 → 20808 moves 2080501 → 2080801). */
function recode(code: string, map: ReadonlyMap<string, string>): string {
  const whole = map.get(code);
  if (whole !== undefined) return whole;
  for (let len = code.length - 2; len >= 3; len -= 2) {
    const to = map.get(code.slice(0, len));
    if (to !== undefined && to.length === len) return to + code.slice(len);
  }
  return code;
}

function withNames(entries: CatalogEntry[], current: CatalogEntry[]): CatalogEntry[] {
  const seen = new Set(entries.map((e) => e.code));
  return [...entries, ...current.filter((e) => !seen.has(e.code))];
}

/** The prior input with its line codes expressed in this year's catalogue. Unchanged when the crosswalk is empty. */
export function applyCrosswalk(prior: BudgetInput, crosswalk: Crosswalk, current: Pick<BudgetInput, "catalogs">): BudgetInput {
  if (crosswalk.function.size === 0 && crosswalk.deptEconomic.size === 0) return prior;
  return {
    ...prior,
    lineItems: prior.lineItems.map((l) => ({
      ...l,
      functionCode: recode(l.functionCode, crosswalk.function),
      economicCode: recode(l.economicCode, crosswalk.deptEconomic),
    })),
    purchasedServices: prior.purchasedServices.map((p) => ({ ...p, functionClassCode: recode(p.functionClassCode, crosswalk.function) })),
    catalogs: {
      ...prior.catalogs,
      functions: withNames(prior.catalogs.functions, current.catalogs.functions),
      deptEconomic: withNames(prior.catalogs.deptEconomic, current.catalogs.deptEconomic),
      econMapping: [
        ...prior.catalogs.econMapping,
        ...current.catalogs.econMapping.filter((m) => !prior.catalogs.econMapping.some((p) => p.deptCode === m.deptCode)),
      ],
    },
  };
}
