"use client";

import { useState } from "react";
import { Button, ErrorText, Notice, inputClass, labelClass } from "@/components/workspace/ui";

interface CsvError {
  row: number;
  column: string;
  message: string;
}

/**
 * Export link and import form of one admin CSV endpoint. The import sends the whole file with
 * PUT; the server applies all of it or nothing and lists every refused cell.
 */
export function CsvPanel({ url, label, onImported }: { url: string; label: string; onImported?: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [errors, setErrors] = useState<CsvError[]>([]);
  const id = `csv-${label}`;
  return (
    <div className="space-y-2">
      <p className="text-sm">
        <a href={url} className="text-brand hover:underline" download>
          导出{label} CSV
        </a>
      </p>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!file) return;
          setBusy(true);
          setDone(null);
          setFailure(null);
          setErrors([]);
          try {
            const res = await fetch(url, { method: "PUT", body: await file.text(), headers: { "content-type": "text/csv; charset=utf-8" } });
            const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
            if (res.ok) {
              setDone(`导入成功：${Object.entries(body).map(([k, v]) => `${COUNT_LABELS[k] ?? k} ${String(v)}`).join("，")}`);
              onImported?.();
            } else if (res.status === 422 && Array.isArray(body.errors)) {
              setErrors(body.errors as CsvError[]);
              setFailure(`导入失败，未做任何修改：${(body.errors as CsvError[]).length} 处错误`);
            } else setFailure(typeof body.error === "string" ? body.error : `导入失败（${res.status}）`);
          } finally {
            setBusy(false);
          }
        }}
      >
        <div>
          <label htmlFor={id} className={labelClass}>
            导入{label} CSV（整份文件全部通过才生效）
          </label>
          <input id={id} type="file" accept=".csv,text/csv" className={inputClass} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <Button type="submit" disabled={!file || busy}>
          导入
        </Button>
      </form>
      <Notice>{done}</Notice>
      <ErrorText>{failure}</ErrorText>
      {errors.length > 0 && (
        <table className="w-full text-sm">
          <caption className="sr-only">导入错误</caption>
          <thead>
            <tr className="border-b text-left">
              <th scope="col" className="py-1 pr-2">行</th>
              <th scope="col" className="py-1 pr-2">列</th>
              <th scope="col" className="py-1">问题</th>
            </tr>
          </thead>
          <tbody>
            {errors.slice(0, 200).map((e, i) => (
              <tr key={i} className="border-b last:border-0">
                <td className="py-1 pr-2">{e.row}</td>
                <td className="py-1 pr-2">{e.column}</td>
                <td className="py-1">{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const COUNT_LABELS: Record<string, string> = { created: "新增", updated: "修改", unchanged: "未变", rows: "行数", retired: "停用" };
