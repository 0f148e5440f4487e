import { connection } from "next/server";
import { listPublished } from "@/server/queries/public";
import { formatAmount } from "@/lib/money";

export default async function HomePage() {
  await connection();
  const rows = await listPublished();
  return (
    <div className="space-y-6">
      <section>
        <h1 className="text-2xl font-bold">部门预算公开</h1>
        <p className="mt-2 text-sm text-gray-600">已发布的部门（单位）预算，按年度和单位列出。</p>
      </section>
      <section aria-labelledby="published-heading" className="overflow-x-auto rounded bg-white p-4 shadow-sm">
        <h2 id="published-heading" className="mb-3 text-lg font-semibold">
          已公开的预算
        </h2>
        {rows.length === 0 ? (
          <p>暂无已公开的预算。</p>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">已公开的预算（单位：万元）</caption>
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-2 pr-2">年度</th>
                <th scope="col" className="py-2 pr-2">单位编码</th>
                <th scope="col" className="py-2 pr-2">单位名称</th>
                <th scope="col" className="py-2 pr-2">主管部门</th>
                <th scope="col" className="num py-2">收支总预算（万元）</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.year}-${r.unitCode}-${r.revision}`} className="border-b last:border-0">
                  <td className="py-2 pr-2">{r.year}</td>
                  <td className="py-2 pr-2 font-mono">{r.unitCode}</td>
                  <td className="py-2 pr-2">{r.unitName}</td>
                  <td className="py-2 pr-2">{r.departmentName}</td>
                  <td className="num py-2">{formatAmount(r.total, "wan")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
