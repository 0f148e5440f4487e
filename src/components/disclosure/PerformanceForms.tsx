/**
 * Tables 16 and 17 as the seed prints them: one form per unit (表16) or project (表17), laid out
 * by src/lib/export/performance.ts, which the xlsx writer uses as well.
 */
import { withThousands } from "@/lib/money";
import type { DisclosureTable } from "@/lib/budget/model";
import { overallForm, projectForm, type FormLayout } from "@/lib/export/performance";

/** The same widths for every form, so that stacked forms line up as in the seed. */
const FORM_COLUMN_CLASSES = ["fc-label", "fc-l1", "fc-l2", "fc-l3", "fc-op", "fc-value", "fc-unit", "fc-deadline"];

function Form({ form, caption, id }: { form: FormLayout; caption: string; id: string }) {
  return (
    <table className="dtable form-table" id={id}>
      <caption className="sr-only">{caption}</caption>
      <colgroup>
        {FORM_COLUMN_CLASSES.map((c, i) => (
          <col key={i} className={c} />
        ))}
      </colgroup>
      <tbody>
        {form.rows.map((row, r) => (
          <tr key={r}>
            {row.map((c) => {
              const span = { colSpan: c.colspan > 1 ? c.colspan : undefined, rowSpan: c.rowspan > 1 ? c.rowspan : undefined };
              const text = c.amount ? (c.text ? withThousands(c.text) : "") : c.text;
              return c.header ? (
                <th key={c.column} scope={c.header === "col" ? "col" : c.rowspan > 1 ? "rowgroup" : "row"} {...span}>
                  {text}
                </th>
              ) : (
                <td key={c.column} {...span} className={c.amount ? "num-left" : undefined}>
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

export function PerformanceForms({ table, idPrefix }: { table: DisclosureTable; idPrefix: string }) {
  const title = `表${table.number} ${table.title}`;
  if (table.layout === "overall-performance") {
    return (
      <>
        {(table.overall ?? []).map((b, i) => (
          <Form key={b.unitCode} id={`${idPrefix}-${i + 1}`} form={overallForm(b)} caption={`${title}：${b.unitLabel}`} />
        ))}
      </>
    );
  }
  return (
    <>
      {(table.projects ?? []).map((p, i) => (
        <Form key={p.projectId} id={`${idPrefix}-${i + 1}`} form={projectForm(p)} caption={`${title}：${p.projectName}`} />
      ))}
    </>
  );
}
