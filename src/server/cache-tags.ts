/**
 * Cache tags of the public pages and open-data responses. Publishing or correcting a budget
 * revalidates `PUBLIC_TAG` (indexes, search, department consolidations) and the budget's own tag.
 */
export const PUBLIC_TAG = "public";

export function budgetTag(year: number, unitCode: string): string {
  return `budget:${year}:${unitCode}`;
}

/** Public URLs, one place. */
export const publicPaths = {
  home: () => "/",
  year: (year: number) => `/budgets/${year}`,
  department: (year: number, departmentCode: string) => `/budgets/${year}/departments/${departmentCode}`,
  unit: (year: number, unitCode: string) => `/budgets/${year}/${unitCode}`,
  unitRevision: (year: number, unitCode: string, revision: number) => `/budgets/${year}/${unitCode}?revision=${revision}`,
  /** The whole disclosure as PDF (src/server/public/pdf.ts). */
  unitPdf: (year: number, unitCode: string) => `/budgets/${year}/${unitCode}.pdf`,
  departmentPdf: (year: number, departmentCode: string) => `/budgets/${year}/departments/${departmentCode}.pdf`,
};
