import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { publicPaths } from "@/lib/paths";
import { getYearView } from "@/server/public/cached";
import { parseYear, type YearView } from "@/server/public/views";
import { Breadcrumbs, Figures, YearSwitcher } from "@/components/disclosure/PageChrome";
import { changeFigure, changeText, wan } from "@/components/disclosure/format";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ year: string }>;
}

async function load({ params }: Props): Promise<YearView> {
  await connection();
  const year = parseYear((await params).year);
  if (year === null) notFound();
  const view = await getYearView(year);
  if (!view) notFound();
  return view;
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const v = await load(props);
  return { title: `${v.year} 年部门预算`, description: `${v.year} 年已公开的部门预算：${v.summary.departments} 个部门，${v.summary.units} 个预算单位。` };
}

export default async function YearPage(props: Props) {
  const v = await load(props);
  const s = v.summary;
  return (
    <div className="public-page">
      <Breadcrumbs items={[{ href: "/", label: "首页" }, { label: `${v.year} 年` }]} />
      <header className="page-header">
        <p className="eyebrow">部门预算公开</p>
        <h1 className="page-title">{v.year} 年部门预算</h1>
        <YearSwitcher
          label="年度"
          years={[...v.years].reverse().map((y) => y.year)}
          current={v.year}
          href={(y) => publicPaths.year(y)}
        />
      </header>
      <Figures
        label={`${v.year} 年主要数字`}
        items={[
          { label: "收支总预算合计", value: wan(s.total), unit: "万元" },
          changeFigure(v.year - 1, s.change, s.direction, s.percent, s.unitsWithoutPrior > 0 ? `${s.unitsWithoutPrior} 个单位无上年数，未计入比较` : undefined, "（同口径）"),
          { label: "主管部门", value: String(s.departments), unit: "个" },
          { label: "预算单位", value: String(s.units), unit: "个" },
        ]}
      />
      <section aria-labelledby="departments-title" className="card">
        <h2 id="departments-title" className="text-lg font-semibold">
          主管部门
        </h2>
        <div className="table-scroll" role="region" aria-labelledby="departments-title" tabIndex={0}>
          <table className="dtable list-table">
            <caption className="sr-only">{v.year} 年各主管部门部门预算（单位：万元）</caption>
            <thead>
              <tr>
                <th scope="col" className="col-code">
                  部门编码
                </th>
                <th scope="col">主管部门</th>
                <th scope="col">预算单位数</th>
                <th scope="col">收支总预算（万元）</th>
                <th scope="col">比上年</th>
              </tr>
            </thead>
            <tbody>
              {v.departments.map((d) => (
                <tr key={d.code}>
                  <td className="col-code">{d.code}</td>
                  <th scope="row">
                    <Link href={publicPaths.department(v.year, d.code)}>{d.name}</Link>
                  </th>
                  <td className="num">{d.units}</td>
                  <td className="num">{wan(d.total)}</td>
                  <td className="num">{changeText(d.change, d.direction, d.percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <p className="text-sm text-gray-700">各主管部门所属预算单位及其公开预算见主管部门页面。</p>
    </div>
  );
}
