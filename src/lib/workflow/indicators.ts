/**
 * The standard 绩效指标 option lists (一级 → 二级) the editors offer: project targets (表17) follow
 * the 产出/效益/满意度/成本 framework, the unit-wide target (表16) the 部门整体 framework. The fields
 * stay free text (a unit may use its region's own wording); these are the suggestions.
 */
export const PROJECT_INDICATOR_LEVELS: Record<string, readonly string[]> = {
  产出指标: ["数量指标", "质量指标", "时效指标", "成本指标"],
  效益指标: ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"],
  满意度指标: ["服务对象满意度指标", "社会公众满意度指标"],
  成本指标: ["经济成本指标", "社会成本指标", "生态环境成本指标"],
};

export const UNIT_INDICATOR_LEVELS: Record<string, readonly string[]> = {
  履职效能: ["重点工作履行情况", "整体工作完成情况", "基础管理"],
  预算执行: ["预算执行效率", "预算执行进度"],
  管理效率: ["预算编制管理", "预算收支管理", "预算监督管理", "资产管理", "人员管理"],
  社会效应: ["经济效益", "社会效益", "生态效益"],
  可持续性: ["体制机制改革", "创新驱动发展", "人才队伍建设"],
  满意度: ["服务对象满意度", "社会公众满意度"],
};

export const OPERATOR_LABELS: Record<string, string> = { "": "（定性）", "=": "=", ">=": "≥", "<=": "≤", ">": ">", "<": "<" };
