/**
 * Where a check is fixed: the editor (an anchor of the workspace page) and the place in words.
 * Pure, so the checks panel and the tests agree on it.
 */
import type { Check } from "@/lib/budget/model";

export interface CheckPlace {
  /** Anchor of the editor's heading on the budget page, e.g. "#targets-heading". */
  anchor: string;
  /** The editor's name, e.g. "绩效目标". */
  editor: string;
}

const BY_RULE: Record<string, CheckPlace> = {
  "BUD-C016": { anchor: "#targets-heading", editor: "绩效目标" },
  "BUD-C017": { anchor: "#targets-heading", editor: "整体绩效目标（表16）" },
  "BUD-C018": { anchor: "#targets-heading", editor: "整体绩效目标（表16）" },
  "BUD-C026": { anchor: "#targets-heading", editor: "项目绩效目标（表17）" },
  "BUD-C040": { anchor: "#targets-heading", editor: "绩效目标" },
  "BUD-C024": { anchor: "#procurement-heading", editor: "政府采购（表14）" },
  "BUD-C025": { anchor: "#procurement-heading", editor: "政府采购（表14）" },
  "BUD-C049": { anchor: "#procurement-heading", editor: "政府采购（表14）" },
  "BUD-C027": { anchor: "#narrative-heading", editor: "情况说明" },
  "BUD-C028": { anchor: "#narrative-heading", editor: "情况说明" },
  "BUD-C030": { anchor: "#narrative-heading", editor: "情况说明" },
  "BUD-C061": { anchor: "#narrative-heading", editor: "情况说明" },
  "BUD-C044": { anchor: "#assets-heading", editor: "国有资产占有使用情况" },
};

const BY_TABLE: Record<number, CheckPlace> = {
  14: { anchor: "#procurement-heading", editor: "政府采购（表14）" },
  15: { anchor: "#purchased-services-heading", editor: "政府购买服务（表15）" },
  16: { anchor: "#targets-heading", editor: "整体绩效目标（表16）" },
  17: { anchor: "#targets-heading", editor: "项目绩效目标（表17）" },
};

/** Everything else comes from the line items (and the projects they name). */
export function checkPlace(c: Pick<Check, "id" | "table" | "lineItemId">): CheckPlace {
  if (c.lineItemId) return { anchor: "#lines-heading", editor: "预算明细" };
  return BY_RULE[c.id] ?? (c.table !== undefined ? BY_TABLE[c.table] : undefined) ?? { anchor: "#lines-heading", editor: "预算明细" };
}
