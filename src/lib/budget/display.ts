import { withThousands } from "../money";
import type { LeafColumn } from "./model";

/**
 * What a renderer prints for a cell: amounts with thousands separators ("5,114.04"), text as
 * is, nothing for null.
 */
export function displayCell(column: LeafColumn, value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  return column.type === "amount" ? withThousands(value) : value;
}
