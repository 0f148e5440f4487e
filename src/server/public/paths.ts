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
