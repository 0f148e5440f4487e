import Link from "next/link";
import type { SessionUser } from "@/server/auth/session";
import { hasPermission, ROLE_LABELS } from "@/lib/auth/permissions";
import { TRPCReactProvider } from "./trpc";

/** The bar above every logged-in screen: who is signed in, where they can go, how to leave. */
export function SignedInShell({ user, children }: { user: SessionUser; children: React.ReactNode }) {
  const links = [
    { href: "/workspace", label: "预算", show: true },
    { href: "/workspace/deadlines", label: "公开期限", show: hasPermission(user.role, "deadline.read") },
    { href: "/admin/users", label: "用户管理", show: hasPermission(user.role, "user.manage") },
    { href: "/admin/organisations", label: "机构", show: hasPermission(user.role, "admin.manage") },
    { href: "/admin/years", label: "年度", show: hasPermission(user.role, "admin.manage") },
    { href: "/admin/catalogues", label: "科目", show: hasPermission(user.role, "admin.manage") },
    { href: "/admin/settings", label: "公开设置", show: hasPermission(user.role, "admin.manage") },
    { href: "/admin/audit", label: "操作日志", show: hasPermission(user.role, "admin.manage") },
    { href: "/account", label: "修改密码", show: true },
    { href: "/logout", label: "退出", show: true },
  ];
  return (
    <TRPCReactProvider>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-2 border-b pb-3 text-sm">
        <p>
          <span className="font-medium">{user.displayName}</span>
          <span className="text-gray-600">
            （{ROLE_LABELS[user.role]} · {user.organisationName}）
          </span>
        </p>
        <nav aria-label="工作台导航" className="flex flex-wrap gap-3">
          {links
            .filter((l) => l.show)
            .map((l) => (
              <Link key={l.href} href={l.href} className="text-brand hover:underline">
                {l.label}
              </Link>
            ))}
        </nav>
      </div>
      {children}
    </TRPCReactProvider>
  );
}
