/** Amounts as they come from a workbook cell or a pasted text. Pure and without exceljs, for the browser too. */
import { Decimal, YUAN_PER_WAN } from "../money";

export type CellScalar = string | number | boolean | Date | null;

/**
 * An amount cell → exact 元 string. A numeric cell holds a double; its shortest decimal form
 * (String(n)) is the number Excel shows, so a cell showing 12.345 is refused rather than rounded.
 * A text cell may carry thousands separators and full-width digits.
 */
export function parseAmountCell(v: CellScalar, unit: "yuan" | "wan"): { ok: true; yuan: string } | { ok: false; message: string } {
  let s: string;
  if (typeof v === "number") {
    if (!Number.isFinite(v)) return { ok: false, message: "不是有效的数字" };
    s = String(v);
    if (/e/i.test(s)) return { ok: false, message: `${s} 超出可接受的金额范围或精度` };
  } else if (typeof v === "string") {
    s = v
      .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/[．]/g, ".")
      .replace(/[\s,，\u3000]/g, "");
  } else {
    return { ok: false, message: "应为数字" };
  }
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(s);
  if (!m) return { ok: false, message: `“${String(v)}”不是数字` };
  if (m[1] === "-" && !/^-0*(\.0*)?$/.test(s)) return { ok: false, message: `${s} 不能为负数` };
  const decimals = (m[3] ?? "").replace(/0+$/, "").length;
  const max = unit === "wan" ? 6 : 2;
  if (decimals > max) return { ok: false, message: `${s} 超过 ${max} 位小数（最小单位为分）` };
  let yuan = new Decimal(s.replace(/^-/, "").replace(/\.$/, ""));
  if (unit === "wan") yuan = yuan.times(YUAN_PER_WAN);
  if (yuan.gte("1e13")) return { ok: false, message: `${s} 超出可接受的金额范围` };
  return { ok: true, yuan: yuan.toFixed(2) };
}

