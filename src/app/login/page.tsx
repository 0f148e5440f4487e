import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth/options";
import { LoginForm } from "./login-form";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getSessionUser()) redirect(callbackUrl);
  return (
    <div className="mx-auto max-w-sm">
      <h1 className="mb-4 text-2xl font-bold">登录工作台</h1>
      <div className="rounded bg-white p-4 shadow-sm">
        <LoginForm callbackUrl={callbackUrl} initialError={params.error ?? null} />
      </div>
      <p className="mt-4 text-xs text-gray-500">单位填报员、主管部门审核员和系统管理员登录后使用。公众查阅已公开的预算无需登录。</p>
    </div>
  );
}
