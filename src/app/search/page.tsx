import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { publicPaths } from "@/lib/paths";
import { getSearchView } from "@/server/public/cached";
import { Breadcrumbs, SearchForm } from "@/components/disclosure/PageChrome";
import { wan } from "@/components/disclosure/format";
import { cleanQueryText } from "@/lib/text/input";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "搜索单位" };

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const raw = (await searchParams).q;
  const q = cleanQueryText(typeof raw === "string" ? raw : "", 100);
  const results = q ? await getSearchView(q) : [];
  return (
    <div className="public-page">
      <Breadcrumbs items={[{ href: "/", label: "首页" }, { label: "搜索" }]} />
      <header className="page-header">
        <h1 className="page-title">搜索单位</h1>
        <SearchForm defaultValue={q} />
      </header>
      {q ? (
        <section aria-labelledby="results-title" className="card">
          <h2 id="results-title" className="text-lg font-semibold" aria-live="polite">
            “{q}”的搜索结果：{results.length} 个单位
          </h2>
          {results.length === 0 ? (
            <p className="mt-2">未找到名称或编码匹配的已公开预算单位。</p>
          ) : (
            <div className="table-scroll" role="region" aria-labelledby="results-title" tabIndex={0}>
              <table className="dtable list-table">
                <caption className="sr-only">搜索结果（单位：万元）</caption>
                <thead>
                  <tr>
                    <th scope="col" className="col-code">
                      单位编码
                    </th>
                    <th scope="col">单位名称</th>
                    <th scope="col">主管部门</th>
                    <th scope="col">已公开年度（收支总预算，万元）</th>
                  </tr>
                </thead>
                <tbody>
                  {results.map((r) => {
                    const latest = r.years[0];
                    return (
                      <tr key={r.unitCode}>
                        <td className="col-code">{r.unitCode}</td>
                        <th scope="row">
                          {latest ? <Link href={publicPaths.unit(latest.year, r.unitCode)}>{r.unitName}</Link> : r.unitName}
                        </th>
                        <td>{r.departmentName}</td>
                        <td>
                          <ul className="inline-list">
                            {r.years.map((y) => (
                              <li key={y.year}>
                                <Link href={publicPaths.unit(y.year, r.unitCode)}>{y.year} 年</Link>{" "}
                                <span className="num-inline">{wan(y.total)}</span>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ) : (
        <p className="card">输入单位名称中的文字（如“文化”）或单位编码（如 023002）。</p>
      )}
    </div>
  );
}
