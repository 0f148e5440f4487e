"use client";

import { useRef, useState } from "react";
import { Card, ErrorText, Notice } from "@/components/workspace/ui";
import { useRefreshBudget } from "./use-budget";

interface WorkbookError {
  sheet: string;
  row: number;
  column: string;
  message: string;
}

type Phase =
  | { kind: "idle" }
  | { kind: "uploading"; percent: number }
  | { kind: "saving" }
  | { kind: "done"; text: string }
  | { kind: "failed"; text: string; errors?: WorkbookError[] };

const COUNT_LABELS: Record<string, string> = {
  lineItems: "明细",
  projects: "项目",
  targets: "绩效目标",
  indicators: "绩效指标",
  procurement: "政府采购",
  purchasedServices: "政府购买服务",
};

export function workbookUrl(year: number, unitCode: string) {
  return `/api/workspace/v1/budgets/${year}/${encodeURIComponent(unitCode)}/workbook`;
}

/** Download the budget as the import workbook; import a workbook as the draft's whole content, with progress. */
export function WorkbookPanel({ year, unitCode, version, editable }: { year: number; unitCode: string; version: number; editable: boolean }) {
  const refresh = useRefreshBudget();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const fileRef = useRef<HTMLInputElement>(null);

  function upload(file: File) {
    // XMLHttpRequest, not fetch: it reports the upload's progress.
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", workbookUrl(year, unitCode));
    xhr.setRequestHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    xhr.setRequestHeader("If-Match", `"${version}"`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPhase({ kind: "uploading", percent: Math.round((e.loaded / e.total) * 100) });
    };
    xhr.upload.onload = () => setPhase({ kind: "saving" });
    xhr.onerror = () => setPhase({ kind: "failed", text: "网络错误，导入未完成，预算内容没有改变" });
    xhr.onload = async () => {
      if (fileRef.current) fileRef.current.value = "";
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 200) {
        const counts = (body as { counts?: Record<string, number> })?.counts ?? {};
        const parts = Object.entries(counts)
          .filter(([k]) => COUNT_LABELS[k])
          .map(([k, n]) => `${COUNT_LABELS[k]} ${n}`)
          .join("、");
        await refresh();
        setPhase({ kind: "done", text: `导入成功，已替换本预算的全部内容：${parts}` });
      } else if (xhr.status === 422) {
        const errors = (body as { errors?: WorkbookError[] })?.errors ?? [];
        setPhase({ kind: "failed", text: `工作簿有 ${errors.length} 处问题，没有导入任何内容。请改正后重新导入：`, errors });
      } else {
        const message = (body as { error?: { message?: string } })?.error?.message ?? `导入失败（${xhr.status}）`;
        setPhase({ kind: "failed", text: `${message}。预算内容没有改变。` });
      }
    };
    setPhase({ kind: "uploading", percent: 0 });
    xhr.send(file);
  }

  const busy = phase.kind === "uploading" || phase.kind === "saving";
  return (
    <Card title="Excel 导入导出" id="workbook">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <a className="rounded border border-gray-300 px-3 py-1.5 hover:bg-gray-50" href={workbookUrl(year, unitCode)} download>
          下载工作簿
        </a>
        {editable && (
          <label className="flex items-center gap-2">
            导入工作簿
            <input
              ref={fileRef}
              type="file"
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              disabled={busy}
              onChange={(e) => {
                const file = e.target.files?.[0];
                if (file) upload(file);
              }}
            />
          </label>
        )}
      </div>
      <p className="mt-2 text-xs text-gray-600">
        工作簿每个部分一张工作表（预算明细、项目、绩效目标与指标、政府采购、政府购买服务、单位概况、上年基数），金额以元为单位。导入会替换本预算的全部内容；任何一处有误都不会保存，并列出工作表、行、列和原因。
      </p>
      {busy && (
        <div className="mt-2 text-sm" role="status">
          {phase.kind === "uploading" ? `正在上传…${phase.percent}%` : "正在校验并保存…"}
          <progress className="ml-2 align-middle" aria-label="导入进度" {...(phase.kind === "uploading" ? { value: phase.percent, max: 100 } : {})} />
        </div>
      )}
      {phase.kind === "done" && <Notice>{phase.text}</Notice>}
      {phase.kind === "failed" && (
        <>
          <ErrorText>{phase.text}</ErrorText>
          {phase.errors && phase.errors.length > 0 && (
            <div className="mt-2 max-h-80 overflow-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">导入错误</caption>
                <thead>
                  <tr className="border-b text-left">
                    <th scope="col" className="pr-2">工作表</th>
                    <th scope="col" className="pr-2">行</th>
                    <th scope="col" className="pr-2">列</th>
                    <th scope="col">原因</th>
                  </tr>
                </thead>
                <tbody>
                  {phase.errors.slice(0, 500).map((e, i) => (
                    <tr key={i} className="border-b last:border-0">
                      <td className="pr-2">{e.sheet}</td>
                      <td className="pr-2">{e.row || ""}</td>
                      <td className="pr-2">{e.column}</td>
                      <td>{e.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {phase.errors.length > 500 && <p className="text-sm">另有 {phase.errors.length - 500} 处未列出。</p>}
            </div>
          )}
        </>
      )}
    </Card>
  );
}
