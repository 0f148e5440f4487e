/**
 * 支出功能分类 by 类: this year's amount (and last year's, when on file) as horizontal bars.
 */
import { Decimal } from "@/lib/money";
import { wan } from "../format";
import { unitLabel, type DisplayUnit } from "@/lib/money";
import { niceScale, pxNumber } from "./scale";

export interface FunctionItem {
  code: string;
  name: string;
  current: string;
  prior: string | null;
  share: string | null;
}

const W = 640;
const LABEL = 190;
const RIGHT = 96;
const ROW = 44;
const TOP = 8;

export function FunctionChart({
  id,
  title,
  items,
  year,
  priorYear,
  unit = "wan",
}: {
  id: string;
  title: string;
  items: FunctionItem[];
  year: number;
  priorYear: number;
  unit?: DisplayUnit;
}) {
  const label = unitLabel(unit);
  const withPrior = items.some((i) => i.prior !== null);
  const max = items.reduce(
    (m, i) => Decimal.max(m, new Decimal(i.current), new Decimal(i.prior ?? "0")),
    new Decimal(0),
  );
  const scale = niceScale(max, 4, unit);
  const plotW = W - LABEL - RIGHT;
  const H = TOP * 2 + ROW * Math.max(items.length, 1);
  const barH = withPrior ? 14 : 20;
  const description = items
    .map((i) => `${i.code} ${i.name} ${wan(i.current, unit)} ${label}${i.share ? `，占 ${i.share}%` : ""}${i.prior !== null ? `（${priorYear} 年 ${wan(i.prior, unit)} ${label}）` : ""}`)
    .join("；");
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart-caption">
        {title}（单位：{label}）
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="chart-svg">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        {items.map((item, i) => {
          const y = TOP + ROW * i;
          const wNow = pxNumber(item.current, scale, plotW);
          const wPrior = item.prior !== null ? pxNumber(item.prior, scale, plotW) : null;
          const barY = withPrior ? y + 6 : y + 10;
          return (
            <g key={item.code}>
              <text x={LABEL - 8} y={y + ROW / 2} dy="0.32em" textAnchor="end" className="chart-label">
                {item.code} {item.name.length > 10 ? `${item.name.slice(0, 10)}…` : item.name}
              </text>
              <rect x={LABEL} y={barY} width={wNow.toString()} height={barH} className="bar-basic" />
              <text x={new Decimal(LABEL + 6).plus(wNow).toString()} y={barY + barH / 2} dy="0.32em" className="chart-value">
                {wan(item.current, unit)}
                {item.share ? `（${item.share}%）` : ""}
              </text>
              {wPrior !== null ? (
                <>
                  <rect x={LABEL} y={barY + barH + 2} width={wPrior.toString()} height={barH} className="bar-prior" />
                  <text x={new Decimal(LABEL + 6).plus(wPrior).toString()} y={barY + barH * 1.5 + 2} dy="0.32em" className="chart-tick">
                    {wan(item.prior as string, unit)}
                  </text>
                </>
              ) : null}
            </g>
          );
        })}
      </svg>
      <p className="chart-legend" aria-hidden="true">
        <span className="legend-swatch bar-basic" /> {year} 年
        {withPrior ? (
          <>
            {" "}
            <span className="legend-swatch bar-prior" /> {priorYear} 年
          </>
        ) : null}
      </p>
      <details className="chart-data">
        <summary>查看图表数据</summary>
        <table className="dtable">
          <caption className="sr-only">{title}（单位：{label}）</caption>
          <thead>
            <tr>
              <th scope="col">科目编码</th>
              <th scope="col">科目名称</th>
              <th scope="col">{year} 年</th>
              <th scope="col">占比</th>
              {withPrior ? <th scope="col">{priorYear} 年</th> : null}
            </tr>
          </thead>
          <tbody>
            {items.map((i) => (
              <tr key={i.code}>
                <td>{i.code}</td>
                <th scope="row">{i.name}</th>
                <td className="num">{wan(i.current, unit)}</td>
                <td className="num">{i.share ? `${i.share}%` : ""}</td>
                {withPrior ? <td className="num">{i.prior !== null ? wan(i.prior, unit) : ""}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
