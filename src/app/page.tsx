import Link from "next/link";
import { connection } from "next/server";
import { publicPaths } from "@/lib/paths";
import { getHomeView } from "@/server/public/cached";
import { openPaths } from "@/lib/paths";
import { Figures, SearchForm } from "@/components/disclosure/PageChrome";
import { changeFigure, changeText, wan } from "@/components/disclosure/format";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  await connection();
  const v = await getHomeView();
  const latest = v.years[0];
  return (
    <div className="public-page">
      <section className="page-header">
        <h1 className="page-title">部门预算公开</h1>
        <p className="mt-2 text-sm text-gray-700">
          经主管部门批复并发布的部门（单位）预算，按年度、主管部门和预算单位公开，可在线查阅、打印和下载。
        </p>
        <SearchForm />
      </section>

      {latest ? (
        <Figures
          label={`${latest.year} 年主要数字`}
          items={[
            { label: `${latest.year} 年收支总预算合计`, value: wan(latest.total), unit: "万元" },
            changeFigure(
              latest.year - 1,
              latest.change,
              latest.direction,
              latest.percent,
              latest.unitsWithoutPrior > 0 ? `${latest.unitsWithoutPrior} 个单位无上年数，未计入比较` : undefined,
              "（同口径）",
            ),
            { label: "主管部门", value: String(latest.departments), unit: "个" },
            { label: "预算单位", value: String(latest.units), unit: "个" },
          ]}
        />
      ) : (
        <p className="card">暂无已公开的预算。</p>
      )}

      {v.years.length > 0 ? (
        <section id="years" aria-labelledby="years-title" className="card">
          <h2 id="years-title" className="text-lg font-semibold">
            按年度
          </h2>
          <div className="table-scroll" role="region" aria-labelledby="years-title" tabIndex={0}>
            <table className="dtable list-table">
              <caption className="sr-only">各年度已公开的部门预算（单位：万元）</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">主管部门数</th>
                  <th scope="col">预算单位数</th>
                  <th scope="col">收支总预算合计（万元）</th>
                  <th scope="col">比上年</th>
                </tr>
              </thead>
              <tbody>
                {v.years.map((y) => (
                  <tr key={y.year}>
                    <th scope="row">
                      <Link href={publicPaths.year(y.year)}>{y.year} 年</Link>
                    </th>
                    <td className="num">{y.departments}</td>
                    <td className="num">{y.units}</td>
                    <td className="num">{wan(y.total)}</td>
                    <td className="num">{changeText(y.change, y.direction, y.percent)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="table-notes mt-1">
            比上年为同口径比较：同一批单位的本年数与其上年数相比；上年预算未在本平台公开的单位，取其编制预算时填报的上年数。
          </p>
        </section>
      ) : null}

      {v.latestYear !== null && v.departments.length > 0 ? (
        <section aria-labelledby="departments-title" className="card">
          <h2 id="departments-title" className="text-lg font-semibold">
            主管部门（{v.latestYear} 年）
          </h2>
          <ul className="department-list">
            {v.departments.map((d) => (
              <li key={d.code}>
                <Link href={publicPaths.department(d.year, d.code)}>
                  <span className="font-mono">{d.code}</span> {d.name}
                </Link>
                <span className="text-sm text-gray-700">
                  {" "}
                  · {d.units} 个预算单位 · {wan(d.total)} 万元
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {v.latest.length > 0 ? (
        <section aria-labelledby="latest-heading" className="card">
          <h2 id="latest-heading" className="text-lg font-semibold">
            最新公开
          </h2>
          <p className="text-sm text-gray-700">最近发布或更正的 {v.latest.length} 份预算；全部单位见各年度和主管部门页面。</p>
          <div className="table-scroll" role="region" aria-labelledby="latest-heading" tabIndex={0}>
            <table className="dtable list-table">
              <caption className="sr-only">最新公开的部门预算（单位：万元）</caption>
              <thead>
                <tr>
                  <th scope="col">发布日期</th>
                  <th scope="col">年度</th>
                  <th scope="col" className="col-code">
                    单位编码
                  </th>
                  <th scope="col">单位名称</th>
                  <th scope="col">主管部门</th>
                  <th scope="col">收支总预算（万元）</th>
                </tr>
              </thead>
              <tbody>
                {v.latest.map((p) => (
                  <tr key={p.snapshotId}>
                    <td>{p.publishedAt.slice(0, 10)}</td>
                    <td>{p.year}</td>
                    <td className="col-code">{p.unitCode}</td>
                    <th scope="row">
                      <Link href={p.revision > 1 ? publicPaths.unitRevision(p.year, p.unitCode, p.revision) : publicPaths.unit(p.year, p.unitCode)}>
                        {p.unitName}
                      </Link>
                      {p.revision > 1 ? <span className="text-sm text-gray-700">（更正，第 {p.revision} 版）</span> : null}
                    </th>
                    <td>
                      <Link href={publicPaths.department(p.year, p.departmentCode)}>{p.departmentName}</Link>
                    </td>
                    <td className="num">{wan(p.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <section aria-labelledby="open-data-title" className="card text-sm">
        <h2 id="open-data-title" className="text-lg font-semibold">
          开放数据
        </h2>
        <p className="mt-1">
          全部已公开预算可通过接口获取：<a href={openPaths.index()}>{openPaths.index()}</a>（JSON，可按 year、department
          筛选）；每个单位的 17 张表可下载为 Excel 或逐表下载 CSV。
        </p>
      </section>
    </div>
  );
}
