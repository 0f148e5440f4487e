import { withThousands } from "../money";
import type { DisclosureTable, LeafColumn, TableRow } from "./model";
import type { EmptyCellStyle } from "./template";

/**
 * What a renderer prints for a cell: amounts with thousands separators ("5,114.04"), text as
 * is, nothing for null (or `zero`, the template's text for a zero amount, when given).
 */
export function displayCell(column: LeafColumn, value: string | null | undefined, zero = ""): string {
  if (value === null || value === undefined) return column.type === "amount" ? zero : "";
  return column.type === "amount" ? withThousands(value) : value;
}

/** The text of a zero amount under an empty-cell style: "", "0" or "0.00" (whole-unit tables: "0"). */
export function zeroText(style: EmptyCellStyle | undefined, decimals: 0 | 2 = 2): string {
  if (style === "0") return "0";
  if (style === "0.00") return decimals === 0 ? "0" : "0.00";
  return "";
}

/**
 * Is this amount cell a zero the template prints (rather than no figure at all)? A two-sided
 * table's row pads the shorter side with nothing: that cell stays blank whatever the style.
 */
export function isZeroCell(table: DisclosureTable, row: TableRow, column: LeafColumn): boolean {
  if (column.type !== "amount") return false;
  const v = row.cells[column.key];
  if (v !== null && v !== undefined) return false;
  if (table.layout === "two-sided") {
    const side = column.key.startsWith("income_") ? "income" : "expenditure";
    const item = row.cells[`${side}_item`];
    if (item === null || item === undefined) return false;
    // 年终结转结余 has no kinds: its kind cells are no figure either
    if (column.key !== `${side}_amount` && row.exact[column.key] === undefined) return false;
  }
  return true;
}

/** What a renderer prints for a cell of a table, with the table's empty-cell style. */
export function displayTableCell(table: DisclosureTable, row: TableRow, column: LeafColumn): string {
  const zero = isZeroCell(table, row, column) ? zeroText(table.emptyCell, table.decimals ?? 2) : "";
  return displayCell(column, row.cells[column.key], zero);
}
