"use client";

import { useQuery } from "@tanstack/react-query";
import { Card, ErrorText, formatDateTime } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { STATUS_LABELS } from "@/lib/workflow";
import { KIND_LABELS, PERIOD_LABELS } from "@/lib/workflow/inputs";

const ACTION_NAMES: Record<string, string> = {
  seed: "导入示例数据",
  create: "新建",
  "lineItem.add": "新增明细",
  "lineItem.update": "修改明细",
  "lineItem.delete": "删除明细",
  "project.add": "新增项目",
  "project.update": "修改项目",
  "project.delete": "删除项目",
  "narrative.update": "修改说明",
  "content.apply": "批量修改内容",
  "content.replace": "替换全部内容",
  "workbook.import": "导入工作簿",
  submit: "提交",
  return: "退回",
  approve: "批复",
  publish: "公开",
  correct: "发起更正",
};

const FIELD_NAMES: Record<string, string> = {
  status: "状态",
  amount: "金额（元）",
  functionCode: "功能分类",
  economicCode: "经济分类",
  kind: "类型",
  projectId: "项目",
  source: "资金来源",
  period: "期间",
  name: "名称",
  content: "内容",
  totalChangeReason: "增减原因",
  sanggongChangeReason: "三公增减原因",
  overview: "补充说明",
  correctionNote: "更正说明",
  baselineTotal: "上年总预算（元）",
  approvedOn: "批复日期",
  comments: "意见",
  acknowledgedWarnings: "已确认提示",
};

/** Codes stored in the log, in words. */
const VALUE_LABELS: Record<string, Record<string, string>> = { status: STATUS_LABELS, kind: KIND_LABELS, period: PERIOD_LABELS };

function showField(key: string, value: unknown): string {
  const labels = VALUE_LABELS[key];
  return labels && typeof value === "string" ? (labels[value] ?? value) : show(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "（空）";
  if (Array.isArray(value)) return value.map((v) => (typeof v === "object" && v && "body" in v ? String(v.body) : show(v))).join("；") || "（无）";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** What changed, field by field: "金额（元）: 1000.00 → 1200.00". */
function describe(before: unknown, after: unknown): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => k in FIELD_NAMES);
  return keys.map((k) => {
    const name = FIELD_NAMES[k] ?? k;
    if (!(k in b)) return `${name}：${showField(k, a[k])}`;
    if (!(k in a)) return `${name}：${showField(k, b[k])}（已删除）`;
    return `${name}：${showField(k, b[k])} → ${showField(k, a[k])}`;
  });
}

/** A batch that changed one line item (e.g. one cell saved from the grid) reads like the single edit it is. */
function actionName(e: { action: string; entity: string | null; before: unknown; after: unknown }): string {
  if (e.action === "content.apply" && e.entity === "line_item") {
    return ACTION_NAMES[e.before && e.after ? "lineItem.update" : e.after ? "lineItem.add" : "lineItem.delete"]!;
  }
  return ACTION_NAMES[e.action] ?? e.action;
}

export function Timeline({ budgetId }: { budgetId: number }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.budgets.timeline.queryOptions({ budgetId }));
  return (
    <Card title="操作记录" id="timeline">
      {timeline.isPending && <p>正在加载…</p>}
      <ErrorText>{timeline.error && errorMessage(timeline.error)}</ErrorText>
      <ol className="space-y-2 text-sm">
        {timeline.data?.map((e) => (
          <li key={e.id} className="border-l-2 border-gray-300 pl-3">
            <p>
              <span className="text-gray-600">{formatDateTime(e.at)}</span> · {e.userName ?? "系统"} · <strong>{actionName(e)}</strong>
            </p>
            {describe(e.before, e.after).map((line, i) => (
              <p key={i} className="text-gray-700">
                {line}
              </p>
            ))}
          </li>
        ))}
      </ol>
    </Card>
  );
}
