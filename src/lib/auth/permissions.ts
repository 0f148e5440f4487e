/**
 * Role → permissions. The one table the server consults before any procedure runs; screens may
 * read it to hide a button, but hiding is never the protection.
 */
export const ROLES = ["preparer", "reviewer", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  preparer: "单位填报员",
  reviewer: "主管部门审核员",
  admin: "系统管理员",
};

/** What each permission allows, in the words of the FORBIDDEN message. */
export const PERMISSION_LABELS = {
  "budget.read": "查看预算",
  "budget.create": "新建预算",
  "budget.edit": "编辑预算",
  "budget.submit": "提交预算",
  "budget.return": "退回预算",
  "budget.approve": "批复预算",
  "budget.publish": "公开预算",
  "budget.correct": "发起更正",
  "budget.timeline": "查看预算的操作记录",
  "deadline.read": "查看公开期限",
  "user.manage": "管理用户",
  "admin.manage": "管理机构、年度、科目和公开设置",
} as const;

export type Permission = keyof typeof PERMISSION_LABELS;

/*
 * Separation of duties: the unit prepares, the department reviews. The admin (the finance
 * bureau) sees everything and may act as a reviewer, but does not prepare a unit's figures.
 */
const GRANTS: Record<Role, readonly Permission[]> = {
  preparer: ["budget.read", "budget.create", "budget.edit", "budget.submit", "budget.correct"],
  reviewer: ["budget.read", "budget.return", "budget.approve", "budget.publish", "budget.correct", "budget.timeline", "deadline.read"],
  admin: [
    "budget.read",
    "budget.return",
    "budget.approve",
    "budget.publish",
    "budget.correct",
    "budget.timeline",
    "deadline.read",
    "user.manage",
    "admin.manage",
  ],
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function forbiddenMessage(permission: Permission): string {
  return `没有权限：当前角色不能${PERMISSION_LABELS[permission]}`;
}

/** The organisation kind a user of this role belongs to; it decides what the user can see. */
export const ROLE_ORGANISATION_KIND: Record<Role, "unit" | "department" | "region"> = {
  preparer: "unit",
  reviewer: "department",
  admin: "region",
};
