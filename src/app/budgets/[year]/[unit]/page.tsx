import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { publicPaths } from "@/lib/paths";
import { getUnitDocumentHtml, getUnitView } from "@/server/public/cached";
import { openPaths } from "@/lib/paths";
import { parseCode, parseRevision, parseYear, type UnitView } from "@/server/public/views";
import { CachedDocument, Contents } from "@/components/disclosure/DisclosureDocument";
import { YearOverYear } from "@/components/disclosure/YearOverYear";
import { Breadcrumbs, Figures, YearSwitcher } from "@/components/disclosure/PageChrome";
import { RevisionNotice } from "@/components/disclosure/RevisionNotice";
import { UNIT_TYPE_LABELS, changeFigure, dateText, priorLaterNote, totalFigure, wan } from "@/components/disclosure/format";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ year: string; unit: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

async function load({ params, searchParams }: Props): Promise<UnitView> {
  await connection();
  const p = await params;
  const year = parseYear(p.year);
  const code = parseCode(p.unit);
  const revision = parseRevision((await searchParams).revision);
  if (year === null || code === null || revision === null) notFound();
  const view = await getUnitView(year, code, revision);
  if (!view) notFound();
  return view;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const v = await load(props);
  return {
    title: `${v.row.unitName} ${v.row.year} 年${v.disclosure.wording}${v.isLatest ? "" : `（第 ${v.shown.revision} 版）`}`,
    description: `${v.row.departmentName}所属 ${v.row.unitName} ${v.row.year} 年${v.disclosure.wording}公开：收支总预算 ${wan(v.shown.total, v.disclosure.amountUnit)} ${v.disclosure.unitLabel}。`,
  };
}

export default async function UnitBudgetPage(props: Props) {
  const v = await load(props);
  const d = v.disclosure;
  const year = v.row.year;
  const code = v.row.unitCode;
  const revisionQuery = v.isLatest ? "" : `?revision=${v.shown.revision}`;
  const title = `${v.row.unitName} ${year} 年${d.wording}`;
  const unit = d.amountUnit;
  const label = d.unitLabel;
  const y = d.yearOverYear.total;
  const html = await getUnitDocumentHtml({ snapshotId: v.shown.snapshotId, year, unitCode: code }, revisionQuery);
  if (html === null) notFound();
  // docs/year-over-year.md: the publication keeps the prior-year figures it states.
  const later = v.isLatest ? v.row.priorLater : null;
  return (
    <div className="public-page">
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: publicPaths.year(year), label: `${year} 年` },
          { href: publicPaths.department(year, v.row.departmentCode), label: v.row.departmentName },
          { label: v.row.unitName },
        ]}
      />
      <header className="page-header">
        <p className="eyebrow">部门预算公开 · {year} 年</p>
        <h1 className="page-title">{title}</h1>
        <dl className="meta">
          <div>
            <dt>单位编码</dt>
            <dd>{code}</dd>
          </div>
          <div>
            <dt>主管部门</dt>
            <dd>
              <Link href={publicPaths.department(year, v.row.departmentCode)}>
                {v.row.departmentCode} {v.row.departmentName}
              </Link>
            </dd>
          </div>
          <div>
            <dt>单位类型</dt>
            <dd>{UNIT_TYPE_LABELS[v.row.unitType] ?? v.row.unitType}</dd>
          </div>
          <div>
            <dt>发布日期</dt>
            <dd>
              {dateText(v.shown.publishedAt)}（第 {v.shown.revision} 版）
            </dd>
          </div>
        </dl>
        <YearSwitcher label="年度" years={v.years.map((r) => r.year)} current={year} href={(yy) => publicPaths.unit(yy, code)} />
        <p className="downloads no-print">
          <a href={`${publicPaths.unitPdf(year, code)}${revisionQuery}`} download className="button">
            下载 PDF（完整公开文件）
          </a>
          <a href={`${openPaths.unitXlsx(year, code)}${revisionQuery}`} download className="button">
            下载 Excel（全部 17 张表）
          </a>
          <a href={`${openPaths.unit(year, code)}${revisionQuery}`} className="button button-secondary">
            JSON 数据
          </a>
        </p>
      </header>
      <RevisionNotice year={year} unitCode={code} revisions={v.revisions} shown={v.shown.revision} />
      <Figures
        label="主要数字"
        items={[
          totalFigure(year, d.summary.total, undefined, unit),
          totalFigure(d.yearOverYear.priorYear, y.prior, y.prior !== null && d.yearOverYear.basis === "baseline" ? "填报的上年数" : undefined, unit),
          changeFigure(d.yearOverYear.priorYear, y.change, y.direction, y.percent, undefined, "增减", unit),
          { label: "基本支出", value: wan(d.summary.basic, unit), unit: label },
          { label: "项目支出", value: wan(d.summary.project, unit), unit: label },
          { label: "“三公”经费", value: wan(d.summary.sanggong, unit), unit: label },
        ]}
      />
      {later ? (
        <p className="prior-note" role="note">
          {priorLaterNote(d.yearOverYear.priorYear, later, y.prior, unit)}
        </p>
      ) : null}
      <Contents d={d} options={{ extraContents: [{ href: "#year-over-year", label: "附：历年预算对比" }] }} />
      <CachedDocument html={html} />
      <YearOverYear d={d} series={v.series} subject={v.row.unitName} />
    </div>
  );
}
