/**
 * The budget engine's public API. Pure TypeScript: line items and a few more entities in, the
 * 17 disclosure tables, the 情况说明, year-over-year figures and the checks out.
 */
export type * from "./types";
export type * from "./model";

export { EXPLANATION_SECTION_KEYS, DEFAULT_EXPLANATION_SECTIONS, DEFAULT_DISCLOSURE_SETTINGS, budgetWording } from "./types";
export { disclosureSettingsOf } from "./settings";
export { computeDisclosure, checkDisclosure, summarize } from "./compute";
export { headerRows, leafColumns, isGroup, COLUMNS } from "./columns";
export { TABLE_TITLES, EMPTY_NOTES, ROUNDING_NOTE, SANGGONG_CODES, chineseNumeral } from "./tables";
export { CHECK_RULES, TEMPLATE_LEFTOVER, PERSONNEL_ECONOMIC_CLASSES, PUBLIC_ECONOMIC_CLASSES, hasErrors } from "./checks";
export type { CheckRule } from "./checks";
export { explanationText, unitShortName } from "./explanation";
export { consolidate, aggregateLineItems } from "./consolidate";
export type { ConsolidateOptions } from "./consolidate";
export { BudgetDomainError, isBudgetDomainError } from "./errors";
export type { BudgetErrorCode } from "./errors";
export { displayCell } from "./display";
export { resolveTaskLinks, linkedAmount, TASK_FIGURE_LABELS } from "./tasks";
