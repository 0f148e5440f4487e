import { leafColumns } from "@/lib/budget";
import type { DisclosureTable as Table } from "@/lib/budget/model";
import { DisclosureTable } from "./DisclosureTable";
import { PerformanceForms } from "./PerformanceForms";

/** Tables wider than this many columns print on a landscape page. */
const WIDE = 8;

/**
 * One of the 17 tables with the seed's heading (表N, title, 单位名称, 单位), a sideways-scrolling
 * frame on narrow screens, its notes (the 空表 note included) and its CSV download.
 */
export function TableSection({ table, csvHref }: { table: Table; csvHref?: string }) {
  const id = `table-${table.number}`;
  const captionId = `${id}-caption`;
  const form = table.layout === "overall-performance" || table.layout === "project-performance";
  const wide = !form && leafColumns(table.columns).length > WIDE;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className={`table-section${wide ? " table-wide" : ""}`}>
      <div className="table-heading">
        <h3 id={`${id}-title`} className="text-base font-semibold">
          <span className="table-number">表{table.number}</span> {table.title}
        </h3>
        <p className="table-meta">
          <span>单位名称：{table.unitName}</span>
          <span>单位：{table.unit}</span>
        </p>
      </div>
      {wide ? (
        <p className="scroll-hint no-print" id={`${id}-hint`}>
          本表共 {leafColumns(table.columns).length} 列，屏幕放不下时可左右滚动查看，编码和名称列保持可见。
        </p>
      ) : null}
      {form && (table.overall?.length ?? table.projects?.length ?? 0) === 0 ? null : (
        <div className="table-frame">
          <div className="table-scroll" role="region" aria-labelledby={`${id}-title`} tabIndex={0}>
            {form ? <PerformanceForms table={table} idPrefix={id} /> : <DisclosureTable table={table} captionId={captionId} />}
          </div>
        </div>
      )}
      {table.notes.length > 0 ? (
        <div className="table-notes">
          {table.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
        </div>
      ) : null}
      {csvHref ? (
        <p className="table-tools no-print">
          <a href={csvHref} download>
            下载表{table.number} CSV
          </a>
        </p>
      ) : null}
    </section>
  );
}
