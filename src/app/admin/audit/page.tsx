import type { Metadata } from "next";
import { AuditAdmin } from "./audit-admin";

export const metadata: Metadata = { title: "操作日志与区域概览" };

export default function AuditPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">操作日志与区域概览</h1>
      <AuditAdmin />
    </div>
  );
}
