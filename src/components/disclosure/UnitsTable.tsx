import Link from "next/link";
import { publicPaths } from "@/lib/paths";
import type { PublishedRow } from "@/server/queries/public";
import { Decimal, percentOf } from "@/lib/money";
import { signedAmount, wan } from "./format";

function change(r: PublishedRow): { amount: string; percent: string } {
  if (r.priorTotal === null) return { amount: "—", percent: "—" };
  const now = new Decimal(r.total);
  const prior = new Decimal(r.priorTotal);
  const diff = now.minus(prior);
  const share = percentOf(diff.abs(), prior);
  const percent = share === null ? "—" : `${diff.isNegative() ? "−" : diff.isZero() ? "" : "+"}${share}%`;
  return { amount: signedAmount(diff.toFixed(2)), percent };
}

/** Units with their latest published totals and the change against the prior year. */
export function UnitsTable({
  rows,
  caption,
  showDepartment = true,
  showYear = false,
}: {
  rows: PublishedRow[];
  caption: string;
  showDepartment?: boolean;
  showYear?: boolean;
}) {
  const baseline = rows.some((r) => r.priorBasis === "baseline");
  return (
    <>
    <div className="table-scroll" role="region" aria-label={caption} tabIndex={0}>
      <table className="dtable list-table">
        <caption className="sr-only">{caption}（单位：万元）</caption>
        <thead>
          <tr>
            {showYear ? <th scope="col">年度</th> : null}
            <th scope="col" className="col-code">
              单位编码
            </th>
            <th scope="col">单位名称</th>
            {showDepartment ? <th scope="col">主管部门</th> : null}
            <th scope="col">收支总预算（万元）</th>
            <th scope="col">上年（万元）</th>
            <th scope="col">增减额（万元）</th>
            <th scope="col">增减率</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => {
            const c = change(r);
            return (
              <tr key={`${r.year}-${r.unitCode}`}>
                {showYear ? <td>{r.year}</td> : null}
                <td className="col-code">{r.unitCode}</td>
                <th scope="row" className="col-name">
                  <Link href={publicPaths.unit(r.year, r.unitCode)}>{r.unitName}</Link>
                  {r.revision > 1 ? <span className="badge">已更正</span> : null}
                </th>
                {showDepartment ? (
                  <td>
                    <Link href={publicPaths.department(r.year, r.departmentCode)}>{r.departmentName}</Link>
                  </td>
                ) : null}
                <td className="num">{wan(r.total)}</td>
                <td className="num" title={r.priorBasis === "baseline" ? "上年预算未在本平台公开，为填报的上年数" : undefined}>
                  {r.priorTotal !== null ? wan(r.priorTotal) : "—"}
                  {r.priorBasis === "baseline" ? <sup aria-label="填报数">*</sup> : null}
                </td>
                <td className="num">{c.amount}</td>
                <td className="num">{c.percent}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
    {baseline ? <p className="table-notes">* 上年预算未在本平台公开，上年数为该单位编制预算时填报的上年收支总预算。</p> : null}
    </>
  );
}
