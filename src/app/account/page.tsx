import type { Metadata } from "next";
import { requireSessionUser } from "@/server/auth/require";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "修改密码" };

export default async function AccountPage() {
  const user = await requireSessionUser("/account");
  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold">修改密码</h1>
      <p className="text-sm text-gray-700">账号：{user.username}。修改后所有已登录的会话都将失效，需要用新密码重新登录。</p>
      <ChangePasswordForm />
    </div>
  );
}
