/**
 * The one renderer for the grid and two-sided tables (1–15): the seed's multi-level headers
 * (`<th colspan rowspan scope>` from headerRows), codes before names, amounts with thousands
 * separators, the code and name columns kept in view when the table scrolls sideways.
 */
import { displayCell, headerRows, leafColumns } from "@/lib/budget";
import type { DisclosureTable as Table, LeafColumn, TableRow } from "@/lib/budget/model";

/** Columns kept in view on narrow screens: 科目编码 + 科目名称, or the first column. */
function stickyKeys(leaves: LeafColumn[]): string[] {
  const keys = leaves.map((c) => c.key);
  if (keys[0] === "code" && keys[1] === "name") return ["code", "name"];
  return keys.slice(0, 1);
}

/** The column whose cell names the row (th scope="row"). */
function rowHeaderKey(leaves: LeafColumn[]): string | undefined {
  return leaves.find((c) => c.key === "name")?.key ?? leaves.find((c) => c.type !== "amount")?.key;
}

const LEVEL_CLASS: Partial<Record<TableRow["level"], string>> = {
  total: "row-total",
  subtotal: "row-subtotal",
  类: "row-class",
  unit: "row-class",
  category: "row-class",
};

const INDENT: Partial<Record<TableRow["level"], string>> = { 款: "indent-1", 项: "indent-2", project: "indent-1", item: "indent-2" };

function columnClass(c: LeafColumn, stickyIndex: number, stickyCount: number, header = false): string {
  const parts: string[] = [];
  if (c.type === "amount" && !header) parts.push("num");
  if (c.type === "code") parts.push("col-code");
  if (c.key === "name" || c.key === "projectName" || c.key === "serviceName" || c.key.endsWith("_item")) parts.push("col-name");
  if (c.key === "unitName") parts.push("col-unit");
  if (c.key === "projectContent" || c.key === "serviceCatalogue") parts.push("col-long");
  // Two-sided tables (1, 4): which side a cell is on, so a phone can stack the sides.
  if (c.key.startsWith("income_")) parts.push("side-income");
  if (c.key.startsWith("expenditure_")) parts.push("side-expenditure");
  if (stickyIndex >= 0) {
    parts.push(`sticky-col sticky-${stickyIndex}`);
    if (stickyIndex === stickyCount - 1) parts.push("sticky-last");
  }
  return parts.join(" ");
}

export function DisclosureTable({ table, captionId }: { table: Table; captionId: string }) {
  const leaves = leafColumns(table.columns);
  const sticky = stickyKeys(leaves);
  const stickyIndexOf = (key: string | undefined) => (key === undefined ? -1 : sticky.indexOf(key));
  const rowHeader = rowHeaderKey(leaves);
  const header = headerRows(table.columns);
  const leafAt = (i: number) => leaves[i];
  return (
    <table className={table.layout === "two-sided" ? "dtable two-sided" : "dtable"}>
      <caption id={captionId} className="sr-only">
        表{table.number} {table.title}
      </caption>
      <thead>
        {header.map((row, r) => (
          <tr key={r}>
            {row.map((h) => {
              // A group header over sticky columns only (表6's 部门预算支出经济分类科目) sticks with them.
              const covered = Array.from({ length: h.colspan }, (_, i) => leafAt(h.firstColumn + i)?.key);
              const allSticky = covered.every((k) => stickyIndexOf(k) >= 0);
              const first = stickyIndexOf(covered[0]);
              const leaf = h.key ? leaves.find((c) => c.key === h.key) : undefined;
              const cls = [
                leaf ? columnClass(leaf, first, sticky.length, true) : "",
                !leaf && allSticky ? `sticky-col sticky-${first} sticky-last` : "",
              ]
                .join(" ")
                .trim();
              return (
                <th key={`${h.firstColumn}-${h.label}`} scope={h.scope} colSpan={h.colspan > 1 ? h.colspan : undefined} rowSpan={h.rowspan > 1 ? h.rowspan : undefined} className={cls || undefined}>
                  {h.label}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.rows.map((row, i) => (
          <tr key={i} className={LEVEL_CLASS[row.level]}>
            {leaves.map((c) => {
              const text = displayCell(c, row.cells[c.key]);
              const cls = [columnClass(c, stickyIndexOf(c.key), sticky.length), c.key === rowHeader ? INDENT[row.level] ?? "" : ""]
                .join(" ")
                .trim();
              return c.key === rowHeader ? (
                <th key={c.key} scope="row" className={cls || undefined}>
                  {text}
                </th>
              ) : (
                <td key={c.key} className={cls || undefined}>
                  {text}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
