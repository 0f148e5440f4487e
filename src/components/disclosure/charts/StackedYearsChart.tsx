/**
 * 收支总预算 by year, stacked 基本支出 under 项目支出: an inline SVG drawn on the server, with a
 * text alternative and the figures as a table.
 */
import { Decimal } from "@/lib/money";
import { wan } from "../format";
import { unitLabel, type DisplayUnit } from "@/lib/money";
import { niceScale, pxNumber, tickLabel } from "./scale";

export interface YearPoint {
  year: number;
  total: string;
  /** null: only the total is known (a prior-year figure entered with a later budget). */
  basic: string | null;
  project: string | null;
}

const W = 640;
const H = 280;
const LEFT = 64;
const RIGHT = 16;
const TOP = 28;
const BOTTOM = 36;

export function StackedYearsChart({
  id,
  title,
  points,
  currentYear,
  unit = "wan",
}: {
  id: string;
  title: string;
  points: YearPoint[];
  currentYear: number;
  unit?: DisplayUnit;
}) {
  const label = unitLabel(unit);
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const max = points.reduce((m, p) => Decimal.max(m, new Decimal(p.total)), new Decimal(0));
  const scale = niceScale(max, 4, unit);
  const slot = plotW / Math.max(points.length, 1);
  const barW = Math.min(56, slot * 0.6);
  const baseY = new Decimal(TOP + plotH);
  const description = points
    .map((p) =>
      p.basic !== null && p.project !== null
        ? `${p.year} 年 ${wan(p.total, unit)} ${label}（基本支出 ${wan(p.basic, unit)}，项目支出 ${wan(p.project, unit)}）`
        : `${p.year} 年 ${wan(p.total, unit)} ${label}（填报的上年数，无分项）`,
    )
    .join("；");
  const hasTotalOnly = points.some((p) => p.basic === null || p.project === null);
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        {title}（单位：{label}）
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {scale.ticks.map((t) => {
          const y = baseY.minus(pxNumber(t.times(scale.perUnit), scale, plotH)).toString();
          return (
            <g key={t.toString()}>
              <line x1={LEFT} x2={W - RIGHT} y1={y} y2={y} className="chart-grid" />
              <text x={LEFT - 8} y={y} dy="0.32em" textAnchor="end" className="chart-tick">
                {tickLabel(t)}
              </text>
            </g>
          );
        })}
        {points.map((p, i) => {
          const x = LEFT + slot * i + (slot - barW) / 2;
          const current = p.year === currentYear;
          const split = p.basic !== null && p.project !== null;
          const hBasic = pxNumber(split ? (p.basic as string) : p.total, scale, plotH);
          const hProject = split ? pxNumber(p.project as string, scale, plotH) : new Decimal(0);
          const yBasic = baseY.minus(hBasic);
          const yProject = yBasic.minus(hProject);
          return (
            <g key={p.year}>
              <rect
                x={x.toFixed(1)}
                width={barW.toFixed(1)}
                y={yBasic.toString()}
                height={hBasic.toString()}
                className={split ? "bar-basic" : "bar-prior"}
              />
              {split ? (
                <rect x={x.toFixed(1)} width={barW.toFixed(1)} y={yProject.toString()} height={hProject.toString()} className="bar-project" />
              ) : null}
              <text x={(x + barW / 2).toFixed(1)} y={yProject.minus(6).toString()} textAnchor="middle" className="chart-value">
                {wan(p.total, unit)}
              </text>
              <text
                x={(x + barW / 2).toFixed(1)}
                y={H - BOTTOM + 18}
                textAnchor="middle"
                className={current ? "chart-label chart-label-current" : "chart-label"}
              >
                {p.year}
              </text>
            </g>
          );
        })}
        <line x1={LEFT} x2={W - RIGHT} y1={baseY.toString()} y2={baseY.toString()} className="chart-axis" />
      </svg>
      <p className="chart-legend" aria-hidden="true">
        <span className="legend-swatch bar-basic" /> 基本支出 <span className="legend-swatch bar-project" /> 项目支出
        {hasTotalOnly ? (
          <>
            {" "}
            <span className="legend-swatch bar-prior" /> 上年数（编制时填报，无分项）
          </>
        ) : null}
      </p>
      <details className="chart-data">
        <summary>查看图表数据</summary>
        <table className="dtable">
          <caption className="sr-only">{title}（单位：{label}）</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">收支总预算</th>
              <th scope="col">基本支出</th>
              <th scope="col">项目支出</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.year}>
                <th scope="row">{p.year}</th>
                <td className="num">{wan(p.total, unit)}</td>
                <td className="num">{p.basic !== null ? wan(p.basic, unit) : "—"}</td>
                <td className="num">{p.project !== null ? wan(p.project, unit) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
