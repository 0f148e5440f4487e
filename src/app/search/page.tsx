import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { publicPaths } from "@/lib/paths";
import { getSearchView } from "@/server/public/cached";
import type { SearchMatch } from "@/server/queries/public-search";
import { Breadcrumbs, SearchForm } from "@/components/disclosure/PageChrome";
import { wan } from "@/components/disclosure/format";
import { cleanQueryText } from "@/lib/text/input";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "搜索" };

const KIND_LABELS: Record<SearchMatch["kind"], string> = {
  unit: "单位",
  project: "项目",
  function: "功能分类",
  economic: "经济分类",
};

function searchHref(q: string, page: number): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set("page", String(page));
  return `/search?${params.toString()}`;
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const params = await searchParams;
  const raw = params.q;
  const q = cleanQueryText(typeof raw === "string" ? raw : "", 100);
  const pageParam = typeof params.page === "string" && /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : 1;
  const result = q ? await getSearchView(q, pageParam) : null;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  return (
    <div className="public-page">
      <Breadcrumbs items={[{ href: "/", label: "首页" }, { label: "搜索" }]} />
      <header className="page-header">
        <h1 className="page-title">搜索已公开的部门预算</h1>
        <SearchForm defaultValue={q} />
      </header>
      {result ? (
        <section aria-labelledby="results-title" className="card">
          <h2 id="results-title" className="text-lg font-semibold" aria-live="polite">
            “{q}”的搜索结果：{result.total} 条（按单位和年度）
          </h2>
          {result.total === 0 ? (
            <p className="mt-2">未找到同时包含{result.words.map((w) => `“${w}”`).join("、")}的已公开预算。</p>
          ) : (
            <>
              <div className="table-scroll" role="region" aria-labelledby="results-title" tabIndex={0}>
                <table className="dtable list-table">
                  <caption className="sr-only">搜索结果（金额单位：万元）</caption>
                  <thead>
                    <tr>
                      <th scope="col">年度</th>
                      <th scope="col">预算单位</th>
                      <th scope="col">主管部门</th>
                      <th scope="col" className="num">
                        收支总预算（万元）
                      </th>
                      <th scope="col">匹配内容（金额：万元）</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.hits.map((h) => (
                      <tr key={`${h.unitCode}-${h.year}`}>
                        <td>{h.year} 年</td>
                        <th scope="row">
                          <Link href={publicPaths.unit(h.year, h.unitCode)}>
                            {h.unitCode} {h.unitName}
                          </Link>
                        </th>
                        <td>{h.departmentName}</td>
                        <td className="num">{wan(h.total)}</td>
                        <td>
                          {h.matches.length === 0 ? (
                            "单位名称或编码"
                          ) : (
                            <ul className="match-list">
                              {h.matches.map((m) => (
                                <li key={`${m.kind}-${m.code}-${m.name}`}>
                                  <span className="match-kind">{KIND_LABELS[m.kind]}</span> {m.code ? `${m.code} ` : ""}
                                  {m.name} <span className="num-inline">{wan(m.amount)}</span>
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav aria-label="搜索结果分页" className="pager">
                {result.page > 1 ? <Link href={searchHref(q, result.page - 1)}>上一页</Link> : null}
                <span>
                  第 {Math.min(result.page, pages)} / {pages} 页，每页 {result.pageSize} 条
                </span>
                {result.page < pages ? <Link href={searchHref(q, result.page + 1)}>下一页</Link> : null}
              </nav>
            </>
          )}
        </section>
      ) : (
        <p className="card">
          输入单位名称、项目名称或内容、支出功能分类或经济分类的编码或名称，可用空格分隔多个词（如“和平区 就业”“网络租赁费”“2080109”）。
        </p>
      )}
    </div>
  );
}
