/**
 * The audit trail in words: line names instead of ids, amounts in the region-year's display unit,
 * source names instead of codes ("一般公共预算", never "gpb"), statuses and kinds in Chinese. Pure:
 * the stored rows and the names they need in, sentences out.
 */
import type { DisplayUnit } from "../money";
import { STATUS_LABELS, type BudgetStatus } from "../workflow";
import { KIND_LABELS, PERIOD_LABELS } from "../workflow/inputs";
import { amountText, sourceName } from "./words";

export interface AuditRow {
  id: number;
  at: Date;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  userName: string | null;
}

export interface LineRecord {
  functionCode: string;
  economicCode: string;
  kind: keyof typeof KIND_LABELS;
  projectId: number | string | null;
  source: string;
  period: keyof typeof PERIOD_LABELS;
  amount: string;
}

export interface TimelineNames {
  unit: DisplayUnit;
  functions: Map<string, string>;
  economics: Map<string, string>;
  sources: Map<string, string>;
  /** Project id (as a string) → name. */
  projects: Map<string, string>;
  /** The budget's line items as they are now, by id (as a string). */
  lines: Map<string, LineRecord>;
}

export interface TimelineEntry {
  id: number;
  at: Date;
  who: string;
  /** The action in words: "修改明细", "退回". */
  action: string;
  /** What it was about: the line, the comment's target… */
  subject: string;
  /** One sentence per change: "金额：16.00 万元 → 26.00 万元". */
  details: string[];
}

const ACTION_WORDS: Record<string, string> = {
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
  withdraw: "撤回",
  "review.start": "开始审核",
  return: "退回",
  approve: "批复",
  publish: "公开",
  correct: "发起更正",
  "comment.add": "提出审核意见",
  "comment.reply": "回复审核意见",
  "comment.resolve": "审核意见已解决",
};

const NARRATIVE_FIELDS: Record<string, string> = {
  totalChangeReason: "收支总预算增减原因",
  sanggongChangeReason: "“三公”经费增减原因",
  overview: "补充说明",
  correctionNote: "更正说明",
  name: "名称",
  content: "内容",
};

type Rec = Record<string, unknown>;
const asRec = (v: unknown): Rec => (v && typeof v === "object" && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string => (v === null || v === undefined ? "" : String(v));
const quoted = (v: unknown) => (str(v).trim() === "" ? "（空）" : `“${str(v)}”`);

export function describeTimeline(rows: AuditRow[], names: TimelineNames): TimelineEntry[] {
  const fn = (code: unknown) => `${str(code)} ${names.functions.get(str(code)) ?? ""}`.trim();
  const econ = (code: unknown) => `${str(code)} ${names.economics.get(str(code)) ?? ""}`.trim();
  const project = (id: unknown) => (id === null || id === undefined || id === "" ? "无" : (names.projects.get(str(id)) ?? "已删除的项目"));
  const money = (v: unknown) => (str(v) === "" ? "（空）" : amountText(str(v), names.unit));
  const lineName = (l: Partial<LineRecord> | undefined) => {
    if (!l || !l.functionCode) return "明细";
    const kind = l.kind ? KIND_LABELS[l.kind] : "";
    const proj = l.projectId !== null && l.projectId !== undefined ? `“${project(l.projectId)}”` : "";
    return `${fn(l.functionCode)} / ${econ(l.economicCode)}（${kind}${proj}，${sourceName(str(l.source), names.sources.get(str(l.source)))}，${l.period ? PERIOD_LABELS[l.period] : ""}）`;
  };
  const lineValue = (key: string, v: unknown): string => {
    switch (key) {
      case "amount":
        return money(v);
      case "functionCode":
        return fn(v);
      case "economicCode":
        return econ(v);
      case "kind":
        return KIND_LABELS[str(v) as keyof typeof KIND_LABELS] ?? str(v);
      case "period":
        return PERIOD_LABELS[str(v) as keyof typeof PERIOD_LABELS] ?? str(v);
      case "source":
        return sourceName(str(v), names.sources.get(str(v)));
      case "projectId":
        return project(v);
      default:
        return str(v);
    }
  };
  const LINE_FIELDS: Record<string, string> = {
    functionCode: "支出功能分类",
    economicCode: "经济分类",
    kind: "类型",
    projectId: "项目",
    source: "资金来源",
    period: "期间",
    amount: "金额",
  };

  // Walk back from the lines as they are now, so each entry names its line as it was then.
  const state = new Map<string, Partial<LineRecord>>(names.lines);
  const lineThen = new Map<number, Partial<LineRecord> | undefined>();
  for (let i = rows.length - 1; i >= 0; i--) {
    const r = rows[i] as AuditRow;
    if (r.entity !== "line_item") continue;
    if (r.action === "lineItem.update") {
      const after = state.get(r.entityId) ?? {};
      const before = { ...after, ...asRec(r.before) } as Partial<LineRecord>;
      lineThen.set(r.id, before);
      state.set(r.entityId, before);
    } else if (r.action === "lineItem.delete") {
      const before = asRec(r.before) as Partial<LineRecord>;
      lineThen.set(r.id, before);
      state.set(r.entityId, before);
    } else if (r.action === "lineItem.add") {
      lineThen.set(r.id, asRec(r.after) as Partial<LineRecord>);
      state.delete(r.entityId);
    }
  }

  return rows.map((r) => {
    const before = asRec(r.before);
    const after = asRec(r.after);
    const details: string[] = [];
    let subject = "";
    if ("status" in after && "status" in before) {
      details.push(`状态：${STATUS_LABELS[before.status as BudgetStatus] ?? str(before.status)} → ${STATUS_LABELS[after.status as BudgetStatus] ?? str(after.status)}`);
    }
    switch (r.action) {
      case "lineItem.add":
      case "lineItem.delete":
        subject = lineName(lineThen.get(r.id));
        details.push(`金额：${money((r.action === "lineItem.add" ? after : before).amount)}`);
        break;
      case "lineItem.update":
        subject = lineName(lineThen.get(r.id));
        for (const key of Object.keys(LINE_FIELDS)) {
          if (key in after) details.push(`${LINE_FIELDS[key]}：${lineValue(key, before[key])} → ${lineValue(key, after[key])}`);
        }
        break;
      case "project.add":
      case "project.delete":
        subject = `项目“${str((r.action === "project.add" ? after : before).name)}”`;
        break;
      case "project.update":
      case "narrative.update":
        if (r.action === "project.update") subject = `项目“${names.projects.get(r.entityId) ?? str(after.name ?? before.name)}”`;
        for (const key of Object.keys(NARRATIVE_FIELDS)) {
          if (key in after) details.push(`${NARRATIVE_FIELDS[key]}：${quoted(before[key])} → ${quoted(after[key])}`);
        }
        if ("debtFinanced" in after) details.push(`债务资金：${after.debtFinanced ? "是" : "否"}`);
        if ("baselineTotal" in after) details.push(`上年收支总预算：${money(before.baselineTotal)} → ${money(after.baselineTotal)}`);
        if ("baselineSanggong" in after) details.push("上年“三公”经费已修改");
        break;
      case "content.apply":
      case "content.replace":
      case "workbook.import": {
        const PART_WORDS: Record<string, string> = { lineItems: "明细", projects: "项目", procurement: "政府采购", purchasedServices: "政府购买服务", targets: "绩效目标" };
        for (const [part, word] of Object.entries(PART_WORDS)) {
          const n = Math.max(Array.isArray(before[part]) ? before[part].length : 0, Array.isArray(after[part]) ? after[part].length : 0);
          if (n > 0) details.push(`${word} ${n} 行`);
        }
        const replaced = asRec(after.replaced);
        for (const [part, word] of Object.entries(PART_WORDS)) if (typeof replaced[part] === "number") details.push(`${word} ${str(replaced[part])} 行`);
        break;
      }
      case "create":
        details.push(after.from === "prior" ? "复制上年预算" : "空白预算");
        if (Number(after.skippedRows ?? 0) > 0) details.push(`${str(after.skippedRows)} 行因科目停用未复制`);
        break;
      case "submit":
        if (after.submission !== undefined) subject = `第 ${str(after.submission)} 次提交`;
        if (after.total !== undefined) details.push(`收支总预算 ${money(after.total)}`);
        if (Array.isArray(after.acknowledgedWarnings) && after.acknowledgedWarnings.length > 0)
          details.push(`已确认 ${after.acknowledgedWarnings.length} 项校验提示`);
        break;
      case "return":
        if (Array.isArray(after.comments)) {
          for (const c of after.comments as Rec[]) {
            const anchor = str(c.anchorLabel) || (c.tableNumber ? `表${str(c.tableNumber)} ${str(c.rowCode)}`.trim() : "");
            details.push(anchor && anchor !== "整体意见" ? `意见（${anchor}）：${str(c.body)}` : `意见：${str(c.body)}`);
          }
        }
        break;
      case "approve":
        details.push(`批复日期 ${str(after.approvedOn)}`);
        break;
      case "publish":
        if (after.correctionNote) details.push(`更正说明：${str(after.correctionNote)}`);
        break;
      case "correct":
        if (after.revision !== undefined) details.push(`第 ${str(after.revision)} 版`);
        break;
      case "comment.add":
      case "comment.resolve":
        subject = str(after.anchor);
        details.push(`意见：${str(after.body)}`);
        break;
      case "comment.reply":
        subject = str(after.anchor);
        details.push(`回复“${str(after.replyTo)}”：${str(after.body)}`);
        break;
    }
    return { id: r.id, at: r.at, who: r.userName ?? "系统", action: ACTION_WORDS[r.action] ?? "其他操作", subject, details };
  });
}
