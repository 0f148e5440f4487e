import { CATALOG_YEARS, catalogForYear } from "@/lib/sample/catalog";
import { glossaryForYear } from "@/lib/sample/glossary";

export const SAMPLE_YEARS: readonly number[] = CATALOG_YEARS;

/** The sample catalogues of one year as rows for the catalogue tables. */
export function catalogSeedRows(year: number) {
  const c = catalogForYear(year);
  const economic = (rows: typeof c.deptEconomicCodes) => rows.map((r) => ({ year, code: r.code, name: r.name, parentCode: r.parent }));
  return {
    functionCodes: c.functionCodes.map((r) => ({ year, code: r.code, name: r.name, parentCode: r.parent })),
    deptEconomicCodes: economic(c.deptEconomicCodes),
    govEconomicCodes: economic(c.govEconomicCodes),
    economicMappings: c.econMappings.map((m) => ({ year, unitType: m.unitType, deptCode: m.deptCode, govCode: m.govCode })),
    fundingSources: c.fundingSources.map((f) => ({ year, code: f.code, name: f.name, fiscal: f.isFiscal, sort: f.sort })),
    glossary: glossaryForYear(year).map((g, i) => ({ year, sort: i + 1, term: g.term, definition: g.definition })),
  };
}
