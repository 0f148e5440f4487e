/**
 * URLs of the public site, the open data and the workspace, one place. Pure: pages, components,
 * route handlers and the server all build links from here.
 */

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

/** Open-data URLs, one place (the pages link to them, the API answers them). */
export const openPaths = {
  index: () => "/api/open/v1/budgets",
  unit: (year: number, unitCode: string) => `/api/open/v1/budgets/${year}/${unitCode}`,
  unitXlsx: (year: number, unitCode: string) => `/api/open/v1/budgets/${year}/${unitCode}.xlsx`,
  unitCsv: (year: number, unitCode: string, table: number) => `/api/open/v1/budgets/${year}/${unitCode}/tables/${table}.csv`,
  department: (year: number, code: string) => `/api/open/v1/departments/${year}/${code}`,
  departmentXlsx: (year: number, code: string) => `/api/open/v1/departments/${year}/${code}.xlsx`,
  departmentCsv: (year: number, code: string, table: number) => `/api/open/v1/departments/${year}/${code}/tables/${table}.csv`,
};

/** The workspace's URLs. */
export const workspacePaths = {
  home: () => "/workspace",
  budget: (budgetId: number) => `/workspace/budgets/${budgetId}`,
  /** The draft's preview as open-data JSON (signed in, unit in scope). */
  budgetJson: (year: number, unitCode: string) => `/api/workspace/v1/budgets/${year}/${unitCode}`,
};
