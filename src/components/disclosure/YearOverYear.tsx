/**
 * 历年对比: the total over every year on file (stacked 基本支出/项目支出), the composition by
 * function 类, and the table of changes against the prior year from `disclosure.yearOverYear`.
 */
import type { Change, Disclosure } from "@/lib/budget/model";
import { signedAmount, wan } from "./format";
import type { DisplayUnit } from "@/lib/money";
import { FunctionChart } from "./charts/FunctionChart";
import { StackedYearsChart, type YearPoint } from "./charts/StackedYearsChart";

function percentText(c: Change): string {
  if (c.percent === null || c.direction === null) return "—";
  if (c.direction === "持平") return "0.00%";
  return `${c.direction === "减少" ? "−" : "+"}${c.percent}%`;
}

function ChangeRows({ label, changes, unit }: { label: string; changes: Change[]; unit: DisplayUnit }) {
  if (changes.length === 0) return null;
  return (
    <>
      <tr className="row-group">
        <th scope="rowgroup" colSpan={5}>
          {label}
        </th>
      </tr>
      {changes.map((c) => (
        <tr key={`${label}-${c.key}`}>
          <th scope="row" className="indent-1">
            {c.code ? `${c.code} ` : ""}
            {c.name}
          </th>
          <td className="num">{wan(c.current, unit)}</td>
          <td className="num">{c.prior !== null ? wan(c.prior, unit) : "—"}</td>
          <td className="num">{signedAmount(c.change, unit)}</td>
          <td className="num">{percentText(c)}</td>
        </tr>
      ))}
    </>
  );
}

function basisNote(d: Disclosure): string {
  const y = d.yearOverYear;
  if (y.basis === "priorBudget") return `上年数取自 ${y.priorYear} 年已公开的${d.wording}。`;
  if (y.basis === "baseline")
    return `${y.priorYear} 年预算未在本平台公开，上年数为编制时填报的 ${y.priorYear} 年收支总预算和“三公”经费，其他项目无可比数据。`;
  return `无 ${y.priorYear} 年可比数据。`;
}

export function YearOverYear({ d, series, subject, note }: { d: Disclosure; series: YearPoint[]; subject: string; note?: string }) {
  const y = d.yearOverYear;
  const unit = d.amountUnit;
  const shares = new Map(d.explanation.figures.functionClasses.map((f) => [f.key, f.share]));
  const points: YearPoint[] = [...series];
  if (y.basis === "baseline" && y.total.prior !== null && !series.some((p) => p.year === y.priorYear)) {
    points.push({ year: y.priorYear, total: y.total.prior, basic: null, project: null });
    points.sort((a, b) => a.year - b.year);
  }
  const functionItems = y.functionClasses
    .filter((c) => c.current !== "0.00" || (c.prior !== null && c.prior !== "0.00"))
    .map((c) => ({ code: c.code ?? c.key, name: c.name, current: c.current, prior: c.prior, share: shares.get(c.key) ?? null }));
  return (
    <section id="year-over-year" aria-labelledby="yoy-title" className="yoy no-print">
      <h2 id="yoy-title" className="part-title">
        附：历年预算对比
      </h2>
      <div className="chart-grid-2">
        {points.length > 0 ? (
          <StackedYearsChart id="chart-years" title={`${subject}历年收支总预算`} points={points} currentYear={d.year} unit={unit} />
        ) : null}
        {functionItems.length > 0 ? (
          <FunctionChart
            id="chart-functions"
            title={`${d.year} 年支出按功能分类（类）构成`}
            items={functionItems}
            year={d.year}
            priorYear={y.priorYear}
            unit={unit}
          />
        ) : null}
      </div>
      <h3 className="section-title" id="yoy-table-title">
        {d.year} 年与 {y.priorYear} 年对比
      </h3>
      <p className="text-sm text-gray-700">
        {basisNote(d)}
        {note ? ` ${note}` : ""}
      </p>
      <div className="table-scroll" role="region" aria-labelledby="yoy-table-title" tabIndex={0}>
        <table className="dtable yoy-table">
          <caption className="sr-only">
            {d.year} 年与 {y.priorYear} 年预算对比（单位：{d.unitLabel}）
          </caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              <th scope="col">{d.year} 年</th>
              <th scope="col">{y.priorYear} 年</th>
              <th scope="col">增减额</th>
              <th scope="col">增减率</th>
            </tr>
          </thead>
          <tbody>
            <tr className="row-total">
              <th scope="row">{y.total.name}</th>
              <td className="num">{wan(y.total.current, unit)}</td>
              <td className="num">{y.total.prior !== null ? wan(y.total.prior, unit) : "—"}</td>
              <td className="num">{signedAmount(y.total.change, unit)}</td>
              <td className="num">{percentText(y.total)}</td>
            </tr>
            <ChangeRows label="按支出类型" changes={y.kinds} unit={unit} />
            <ChangeRows label="按资金来源" changes={y.sources} unit={unit} />
            <ChangeRows label="按支出功能分类（类）" changes={y.functionClasses} unit={unit} />
            <ChangeRows label="按部门预算支出经济分类（类）" changes={y.economicClasses} unit={unit} />
            <ChangeRows label="“三公”经费" changes={y.sanggong} unit={unit} />
          </tbody>
        </table>
      </div>
    </section>
  );
}
