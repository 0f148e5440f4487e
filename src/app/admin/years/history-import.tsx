"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Card, ErrorText, inputClass, labelClass, Notice } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/** 补录历史预算: a budget published before the platform, with its original dates (docs/admin.md). */
export function HistoryImport() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const years = useQuery(trpc.admin.years.queryOptions());
  const orgs = useQuery(trpc.admin.organisations.queryOptions());
  const [form, setForm] = useState({ unitCode: "", year: 0, approvedOn: "", publishedOn: "", content: "" });
  const [done, setDone] = useState<string | null>(null);
  const load = useMutation(
    trpc.admin.importHistory.mutationOptions({
      onSuccess: (r) => {
        setDone(`已补录并公开 ${r.unitCode} ${r.year} 年度预算（记为历史补录）。`);
        void queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() });
      },
    }),
  );
  const units = orgs.data?.organisations.filter((o) => o.kind === "unit") ?? [];
  return (
    <Card title="补录历史预算" id="history">
      <p className="mb-3 text-sm text-gray-600">
        平台上线前已批复、公开的预算：选择单位和年度（须先开设该年度并设好公开设置），填写原批复日期和公开日期，粘贴或选择预算内容 JSON（格式见 docs/admin.md）。
        补录的预算按原样公开，操作日志记为“历史补录”，并作为下一年度的上年数。
      </p>
      <form
        className="grid gap-3 sm:grid-cols-4"
        onSubmit={(e) => {
          e.preventDefault();
          setDone(null);
          load.mutate(form);
        }}
      >
        <div>
          <label htmlFor="history-unit" className={labelClass}>预算单位</label>
          <select id="history-unit" className={inputClass} value={form.unitCode} onChange={(e) => setForm({ ...form, unitCode: e.target.value })}>
            <option value="">请选择</option>
            {units.map((u) => (
              <option key={u.id} value={u.code}>{u.code} {u.name}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="history-year" className={labelClass}>年度</label>
          <select id="history-year" className={inputClass} value={form.year} onChange={(e) => setForm({ ...form, year: Number(e.target.value) })}>
            <option value={0}>请选择</option>
            {years.data?.map((y) => (
              <option key={y.year} value={y.year}>{y.year}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="history-approved" className={labelClass}>批复日期</label>
          <input id="history-approved" type="date" className={inputClass} value={form.approvedOn} onChange={(e) => setForm({ ...form, approvedOn: e.target.value })} />
        </div>
        <div>
          <label htmlFor="history-published" className={labelClass}>公开日期</label>
          <input id="history-published" type="date" className={inputClass} value={form.publishedOn} onChange={(e) => setForm({ ...form, publishedOn: e.target.value })} />
        </div>
        <div className="sm:col-span-4">
          <label htmlFor="history-file" className={labelClass}>预算内容文件（JSON）</label>
          <input
            id="history-file"
            type="file"
            accept=".json,application/json"
            className={inputClass}
            onChange={async (e) => {
              const f = e.target.files?.[0];
              if (f) setForm({ ...form, content: await f.text() });
            }}
          />
        </div>
        <div className="sm:col-span-4">
          <label htmlFor="history-content" className={labelClass}>预算内容（JSON）</label>
          <textarea id="history-content" rows={6} className={`${inputClass} font-mono text-xs`} value={form.content} onChange={(e) => setForm({ ...form, content: e.target.value })} />
        </div>
        <div>
          <Button type="submit" disabled={load.isPending || !form.unitCode || !form.year || !form.content}>补录并公开</Button>
        </div>
        <div className="sm:col-span-4">
          <ErrorText>{load.error && errorMessage(load.error)}</ErrorText>
          <Notice>{done}</Notice>
        </div>
      </form>
    </Card>
  );
}
