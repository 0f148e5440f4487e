/**
 * The disclosure in the seed's order: 第一部分 概况, 第二部分 the 17 tables, 第三部分 情况说明,
 * 第四部分 名词解释, with a contents list whose entries are anchors into the page.
 */
import { chineseNumeral } from "@/lib/budget";
import type { Disclosure } from "@/lib/budget/model";
import { TableSection } from "./TableSection";

export interface DocumentOptions {
  /** CSV link of table n, if the document has downloads. */
  csvHref?: (n: number) => string;
  /** Extra contents entries after 第四部分 (e.g. 历年对比). */
  extraContents?: { href: string; label: string }[];
  /** Rendered at the start of 第一部分 (e.g. a department's list of units). */
  composition?: React.ReactNode;
}

interface ProfileHeadings {
  duties: string | null;
  departments: string | null;
  composition: string | null;
}

function profileHeadings(d: Disclosure, hasCompositionBlock: boolean): ProfileHeadings {
  let n = 0;
  const next = (label: string) => `${chineseNumeral(++n)}、${label}`;
  return {
    duties: d.profile.duties.length ? next("主要职责") : null,
    departments: d.profile.departments.length ? next("内设机构") : null,
    composition: d.profile.composition || hasCompositionBlock ? next("部门预算单位构成") : null,
  };
}

function partTitles(d: Disclosure) {
  const name = d.unit.shortName ?? d.unit.name;
  return {
    one: `第一部分 ${name}概况`,
    two: `第二部分 ${name} ${d.year} 年${d.wording}公开表`,
    three: `第三部分 ${d.explanation.title}`,
    four: "第四部分 名词解释",
  };
}

export function Contents({ d, options = {} }: { d: Disclosure; options?: DocumentOptions }) {
  const parts = partTitles(d);
  const h = profileHeadings(d, options.composition !== undefined);
  return (
    <nav aria-labelledby="contents-title" className="contents">
      <h2 id="contents-title" className="text-lg font-semibold">
        目 录
      </h2>
      <ol className="contents-list">
        <li>
          <a href="#part-1">{parts.one}</a>
          <ol>
            {h.duties ? (
              <li>
                <a href="#duties">{h.duties}</a>
              </li>
            ) : null}
            {h.departments ? (
              <li>
                <a href="#departments">{h.departments}</a>
              </li>
            ) : null}
            {h.composition ? (
              <li>
                <a href="#composition">{h.composition}</a>
              </li>
            ) : null}
          </ol>
        </li>
        <li>
          <a href="#part-2">{parts.two}</a>
          <ol className="contents-tables">
            {d.tables.map((t) => (
              <li key={t.number}>
                <a href={`#table-${t.number}`}>
                  表{t.number}. {t.title}
                </a>
              </li>
            ))}
          </ol>
        </li>
        <li>
          <a href="#part-3">{parts.three}</a>
        </li>
        <li>
          <a href="#part-4">{parts.four}</a>
        </li>
        {(options.extraContents ?? []).map((e) => (
          <li key={e.href} className="no-print">
            <a href={e.href}>{e.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Profile({ d, options }: { d: Disclosure; options: DocumentOptions }) {
  const name = d.unit.shortName ?? d.unit.name;
  const h = profileHeadings(d, options.composition !== undefined);
  const staffing = d.profile.departments.reduce((n, dep) => n + dep.staffing, 0);
  return (
    <section id="part-1" aria-labelledby="part-1-title" className="doc-part">
      <h2 id="part-1-title" className="part-title">
        {partTitles(d).one}
      </h2>
      {h.duties ? (
        <section id="duties" aria-labelledby="duties-title">
          <h3 id="duties-title" className="section-title">
            {h.duties}
          </h3>
          <ol className="duties">
            {d.profile.duties.map((text, i) => (
              <li key={i}>
                <span className="duty-number">（{chineseNumeral(i + 1)}）</span>
                {text}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {h.departments ? (
        <section id="departments" aria-labelledby="departments-title">
          <h3 id="departments-title" className="section-title">
            {h.departments}
          </h3>
          <p className="prose-p">
            根据上述职责，{name}设置内设机构 {d.profile.departments.length} 个：
          </p>
          <div className="table-scroll" role="region" aria-label="内设机构及人员编制" tabIndex={0}>
            <table className="dtable staffing-table">
              <caption className="sr-only">内设机构及人员编制</caption>
              <thead>
                <tr>
                  <th scope="col">序号</th>
                  <th scope="col">内设机构</th>
                  <th scope="col">人员编制（名）</th>
                  <th scope="col">领导职数</th>
                </tr>
              </thead>
              <tbody>
                {d.profile.departments.map((dep, i) => (
                  <tr key={dep.name}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">
                      <a href={`#department-${i + 1}`}>{dep.name}</a>
                    </th>
                    <td className="num">{dep.staffing}</td>
                    <td>{dep.leaders}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr className="row-total">
                  <td />
                  <th scope="row">合计</th>
                  <td className="num">{staffing}</td>
                  <td />
                </tr>
              </tfoot>
            </table>
          </div>
          <ol className="internal-departments">
            {d.profile.departments.map((dep, i) => (
              <li key={dep.name} id={`department-${i + 1}`}>
                <h4 className="font-semibold">
                  {i + 1}. {dep.name}
                </h4>
                {dep.duties ? <p className="prose-p">{dep.duties}</p> : null}
                <p className="prose-p">
                  人员编制 {dep.staffing} 名{dep.leaders ? `，${dep.leaders}` : ""}。
                </p>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {h.composition ? (
        <section id="composition" aria-labelledby="composition-title">
          <h3 id="composition-title" className="section-title">
            {h.composition}
          </h3>
          {d.profile.composition ? <p className="prose-p">{d.profile.composition}</p> : null}
          {options.composition}
        </section>
      ) : null}
    </section>
  );
}

function Explanation({ d }: { d: Disclosure }) {
  return (
    <section id="part-3" aria-labelledby="part-3-title" className="doc-part">
      <h2 id="part-3-title" className="part-title">
        {partTitles(d).three}
      </h2>
      {d.explanation.sections.map((s, i) => (
        <section key={i} aria-labelledby={`explanation-${i + 1}`}>
          <h3 id={`explanation-${i + 1}`} className="section-title">
            {s.heading}
          </h3>
          {s.paragraphs.map((p, j) => (
            <p key={j} className="prose-p">
              {p}
            </p>
          ))}
          {(s.subsections ?? []).map((sub, j) => (
            <section key={j} aria-labelledby={`explanation-${i + 1}-${j + 1}`}>
              <h4 id={`explanation-${i + 1}-${j + 1}`} className="subsection-title">
                {sub.heading}
              </h4>
              {sub.paragraphs.map((p, k) => (
                <p key={k} className="prose-p">
                  {p}
                </p>
              ))}
            </section>
          ))}
        </section>
      ))}
    </section>
  );
}

function Glossary({ d }: { d: Disclosure }) {
  return (
    <section id="part-4" aria-labelledby="part-4-title" className="doc-part">
      <h2 id="part-4-title" className="part-title">
        {partTitles(d).four}
      </h2>
      {d.glossary.length === 0 ? (
        <p className="prose-p">无。</p>
      ) : (
        <ol className="glossary">
          {d.glossary.map((g, i) => (
            <li key={g.term}>
              <span className="glossary-number">{i + 1}. </span>
              <strong>{g.term}</strong>：{g.definition}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function DisclosureDocument({ d, options = {} }: { d: Disclosure; options?: DocumentOptions }) {
  const parts = partTitles(d);
  return (
    <div className="disclosure-document">
      <Profile d={d} options={options} />
      <section id="part-2" aria-labelledby="part-2-title" className="doc-part">
        <h2 id="part-2-title" className="part-title">
          {parts.two}
        </h2>
        {d.tables.map((t) => (
          <TableSection key={t.number} table={t} csvHref={options.csvHref?.(t.number)} />
        ))}
      </section>
      <Explanation d={d} />
      <Glossary d={d} />
    </div>
  );
}

/** The document as cached markup (see static-html.ts): the same HTML DisclosureDocument renders. */
export function CachedDocument({ html }: { html: string }) {
  return <div className="cached-document" dangerouslySetInnerHTML={{ __html: html }} />;
}
