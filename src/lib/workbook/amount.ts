/** Amounts as they come from a workbook cell. Pure and without exceljs, for the browser too. */
import { Decimal } from "../money";
import { readAmountInput } from "../money-input";

export type CellScalar = string | number | boolean | Date | null;

/** 13 integer digits, as the write module's money pattern allows. */
const LIMIT = new Decimal("1e13");

/**
 * An amount cell → exact 元 string. A numeric cell holds a double; its shortest decimal form
 * (String(n)) is the number Excel shows, so a cell showing 12.345 is refused rather than rounded.
 * A text cell is read like a typed amount (thousands separators, full-width digits, a 元/万元
 * suffix) by the one reader of typed amounts, `readAmountInput`.
 */
export function parseAmountCell(v: CellScalar, unit: "yuan" | "wan"): { ok: true; yuan: string } | { ok: false; message: string } {
  let text: string;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, message: "不是有效的数字" };
    text = String(v);
    if (/e/i.test(text)) return { ok: false, message: `${text} 超出可接受的金额范围或精度` };
  } else if (typeof v === "string") {
    text = v;
  } else {
    return { ok: false, message: "应为数字" };
  }
  const read = readAmountInput(text, unit);
  if (!read.ok) return read;
  if (new Decimal(read.yuan).gte(LIMIT)) return { ok: false, message: `${text} 超出可接受的金额范围` };
  return { ok: true, yuan: read.yuan };
}
