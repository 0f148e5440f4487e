"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { formatAmount } from "@/lib/money";

type Filter = { unitCode: string; username: string; action: string; from: string; to: string };
const EMPTY: Filter = { unitCode: "", username: "", action: "", from: "", to: "" };

function clean(f: Filter) {
  return {
    ...(f.unitCode ? { unitCode: f.unitCode } : {}),
    ...(f.username ? { username: f.username } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

export function AuditAdmin() {
  const trpc = useTRPC();
  const [draft, setDraft] = useState<Filter>(EMPTY);
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const log = useQuery(trpc.admin.auditLog.queryOptions(clean(filter)));
  return (
    <>
      <RegionOverview />
      <Card title="操作日志" id="audit">
        <form
          className="mb-3 grid gap-2 sm:grid-cols-6"
          onSubmit={(e) => {
            e.preventDefault();
            setFilter(draft);
          }}
        >
          <div>
            <label htmlFor="audit-unit" className={labelClass}>单位编码</label>
            <input id="audit-unit" className={inputClass} value={draft.unitCode} onChange={(e) => setDraft({ ...draft, unitCode: e.target.value.trim() })} />
          </div>
          <div>
            <label htmlFor="audit-user" className={labelClass}>用户名</label>
            <input id="audit-user" className={inputClass} value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value.trim() })} />
          </div>
          <div>
            <label htmlFor="audit-action" className={labelClass}>操作</label>
            <select id="audit-action" className={inputClass} value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
              <option value="">全部</option>
              {log.data?.actions.map((a) => (
                <option key={a} value={a}>{a}</option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="audit-from" className={labelClass}>起始日期</label>
            <input id="audit-from" type="date" className={inputClass} value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          </div>
          <div>
            <label htmlFor="audit-to" className={labelClass}>截止日期</label>
            <input id="audit-to" type="date" className={inputClass} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </div>
          <div className="flex items-end gap-2">
            <Button type="submit">筛选</Button>
            <Button variant="secondary" onClick={() => { setDraft(EMPTY); setFilter(EMPTY); }}>清除</Button>
          </div>
        </form>
        {log.isPending && <p>正在加载…</p>}
        <ErrorText>{log.error && errorMessage(log.error)}</ErrorText>
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">操作日志（最近 200 条）</caption>
            <thead>
              <tr className="border-b text-left">
                <th scope="col" className="py-1 pr-2">时间（北京时间）</th>
                <th scope="col" className="py-1 pr-2">用户</th>
                <th scope="col" className="py-1 pr-2">操作</th>
                <th scope="col" className="py-1 pr-2">对象</th>
                <th scope="col" className="py-1">内容</th>
              </tr>
            </thead>
            <tbody>
              {log.data?.rows.map((r) => (
                <tr key={r.id} className="border-b align-top last:border-0">
                  <td className="whitespace-nowrap py-1 pr-2">{r.at}</td>
                  <td className="py-1 pr-2">{r.username ?? "系统"}</td>
                  <td className="py-1 pr-2 font-mono text-xs">{r.action}</td>
                  <td className="py-1 pr-2">
                    {r.unitCode ? `${r.unitCode} ${r.unitName ?? ""} ${r.year ?? ""} 年` : `${r.entity} ${r.entityId}`}
                  </td>
                  <td className="max-w-md break-all py-1 font-mono text-xs">{r.after ? JSON.stringify(r.after).slice(0, 300) : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}

function RegionOverview() {
  const trpc = useTRPC();
  const years = useQuery(trpc.admin.years.queryOptions());
  const [year, setYear] = useState<number | null>(null);
  const chosen = year ?? years.data?.[0]?.year ?? null;
  const overview = useQuery({ ...trpc.admin.overview.queryOptions({ year: chosen ?? 0 }), enabled: chosen !== null });
  return (
    <Card title="区域概览" id="overview">
      <div className="mb-3 max-w-xs">
        <label htmlFor="overview-year" className={labelClass}>年度</label>
        <select id="overview-year" className={inputClass} value={chosen ?? ""} onChange={(e) => setYear(Number(e.target.value))}>
          {years.data?.map((y) => (
            <option key={y.year} value={y.year}>{y.year}</option>
          ))}
        </select>
      </div>
      <ErrorText>{overview.error && errorMessage(overview.error)}</ErrorText>
      {overview.data && (
        <>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{overview.data.year} 年各主管部门汇总（金额单位：万元）</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-2">主管部门</th>
                  <th scope="col" className="num py-1 pr-2">单位数</th>
                  <th scope="col" className="num py-1 pr-2">已公开</th>
                  <th scope="col" className="num py-1 pr-2">逾期</th>
                  <th scope="col" className="num py-1 pr-2">预算合计（万元）</th>
                  <th scope="col" className="num py-1">已公开合计（万元）</th>
                </tr>
              </thead>
              <tbody>
                {overview.data.departments.map((d) => (
                  <tr key={d.code} className="border-b last:border-0">
                    <th scope="row" className="py-1 pr-2 text-left font-normal">{d.code} {d.name}</th>
                    <td className="num py-1 pr-2">{d.units}</td>
                    <td className="num py-1 pr-2">{d.published}</td>
                    <td className="num py-1 pr-2">{d.late}</td>
                    <td className="num py-1 pr-2">{formatAmount(d.total, "wan")}</td>
                    <td className="num py-1">{formatAmount(d.publishedTotal, "wan")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3 className="mt-4 font-semibold">各单位</h3>
          <div className="overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{overview.data.year} 年各单位预算状态</caption>
              <thead>
                <tr className="border-b text-left">
                  <th scope="col" className="py-1 pr-2">单位</th>
                  <th scope="col" className="py-1 pr-2">主管部门</th>
                  <th scope="col" className="py-1 pr-2">状态</th>
                  <th scope="col" className="py-1 pr-2">批复日期</th>
                  <th scope="col" className="py-1 pr-2">公开期限</th>
                  <th scope="col" className="py-1">公开日期</th>
                </tr>
              </thead>
              <tbody>
                {overview.data.units.map((u) => (
                  <tr key={u.unitCode} className={`border-b last:border-0 ${u.late ? "bg-red-50" : ""}`}>
                    <th scope="row" className="py-1 pr-2 text-left font-normal">{u.unitCode} {u.unitName}</th>
                    <td className="py-1 pr-2">{u.departmentCode}</td>
                    <td className="py-1 pr-2">{u.statusLabel}{u.late ? "（逾期）" : ""}</td>
                    <td className="py-1 pr-2">{u.approvedOn ?? ""}</td>
                    <td className="py-1 pr-2">{u.deadline ?? ""}</td>
                    <td className="py-1">{u.publishedOn ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
