import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { publicPaths } from "@/lib/paths";
import { getDepartmentDocumentHtml, getDepartmentView } from "@/server/public/cached";
import { openPaths } from "@/lib/paths";
import { parseCode, parseYear, type DepartmentView } from "@/server/public/views";
import { CachedDocument, Contents } from "@/components/disclosure/DisclosureDocument";
import { YearOverYear } from "@/components/disclosure/YearOverYear";
import { Breadcrumbs, Figures, YearSwitcher } from "@/components/disclosure/PageChrome";
import { UnitsTable } from "@/components/disclosure/UnitsTable";
import { changeFigure, totalFigure, wan } from "@/components/disclosure/format";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ year: string; department: string }>;
}

async function load({ params }: Props): Promise<DepartmentView> {
  await connection();
  const p = await params;
  const year = parseYear(p.year);
  const code = parseCode(p.department);
  if (year === null || code === null) notFound();
  const view = await getDepartmentView(year, code);
  if (!view) notFound();
  return view;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const v = await load(props);
  return {
    title: `${v.department.name} ${v.year} 年部门预算`,
    description: `${v.department.name} ${v.year} 年部门预算（部门汇总）及所属 ${v.summary.units} 个预算单位的公开预算。`,
  };
}

/** A department's yearly figures add up the units published each year, which may differ. */
function scopeNote(v: DepartmentView): string | undefined {
  const prior = v.series.find((p) => p.year === v.year - 1);
  if (!prior || prior.units === v.summary.units) return undefined;
  return `${v.year - 1} 年已公开 ${prior.units} 个单位，${v.year} 年 ${v.summary.units} 个单位，对比含单位范围的变化；按同一单位比较见“所属预算单位”表。`;
}

export default async function DepartmentBudgetPage(props: Props) {
  const v = await load(props);
  const d = v.disclosure;
  const year = v.year;
  const code = v.department.code;
  const s = v.summary;
  const html = await getDepartmentDocumentHtml({
    year,
    departmentCode: code,
    departmentName: v.department.name,
    members: s.rows.map((r) => ({ snapshotId: r.snapshotId, year: r.year, unitCode: r.unitCode })),
  });
  if (html === null) notFound();
  return (
    <div className="public-page">
      <Breadcrumbs
        items={[
          { href: "/", label: "首页" },
          { href: publicPaths.year(year), label: `${year} 年` },
          { label: v.department.name },
        ]}
      />
      <header className="page-header">
        <p className="eyebrow">部门预算公开 · {year} 年 · 部门汇总</p>
        <h1 className="page-title">
          {v.department.name} {year} 年部门预算
        </h1>
        <p className="text-sm text-gray-700">
          主管部门编码 {code}。本页为所属 {s.units} 个已公开预算单位的汇总（部门汇总），各单位预算见下表。
        </p>
        <YearSwitcher
          label="年度"
          years={v.years.map((y) => y.year)}
          current={year}
          href={(y) => publicPaths.department(y, code)}
        />
        <p className="downloads no-print">
          <a href={publicPaths.departmentPdf(year, code)} download className="button">
            下载 PDF（部门汇总公开文件）
          </a>
          <a href={openPaths.departmentXlsx(year, code)} download className="button">
            下载 Excel（部门汇总 17 张表）
          </a>
          <a href={openPaths.department(year, code)} className="button button-secondary">
            JSON 数据
          </a>
        </p>
      </header>
      <Figures
        label="主要数字"
        items={[
          totalFigure(year, s.total, undefined, d.amountUnit),
          totalFigure(
            year - 1,
            s.prior,
            s.unitsWithoutPrior > 0 ? `各单位公开时所列；${s.unitsWithoutPrior} 个单位无上年数` : "各单位公开时所列",
            d.amountUnit,
          ),
          changeFigure(
            year - 1,
            s.change,
            s.direction,
            s.percent,
            s.unitsWithoutPrior > 0
              ? `${s.units - s.unitsWithoutPrior} 个单位同口径比较，${s.unitsWithoutPrior} 个无上年数的单位未计入`
              : `${s.units} 个单位同口径比较`,
            "同口径增减",
            d.amountUnit,
          ),
          { label: "预算单位", value: String(s.units), unit: "个" },
          { label: "基本支出", value: wan(d.summary.basic, d.amountUnit), unit: d.unitLabel },
          { label: "项目支出", value: wan(d.summary.project, d.amountUnit), unit: d.unitLabel },
        ]}
      />
      <section aria-labelledby="units-title" className="card no-print">
        <h2 id="units-title" className="text-lg font-semibold">
          所属预算单位
        </h2>
        <UnitsTable rows={s.rows} caption={`${v.department.name} ${year} 年所属预算单位`} showDepartment={false} />
      </section>
      <Contents d={d} options={{ extraContents: [{ href: "#year-over-year", label: "附：历年预算对比" }] }} />
      <CachedDocument html={html} />
      <YearOverYear d={d} series={v.series} subject={v.department.name} note={scopeNote(v)} />
      <p className="no-print text-sm">
        <Link href={publicPaths.year(year)}>返回 {year} 年部门预算列表</Link>
      </p>
    </div>
  );
}
