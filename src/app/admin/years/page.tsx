import type { Metadata } from "next";
import { YearsAdmin } from "./years-admin";
import { HistoryImport } from "./history-import";

export const metadata: Metadata = { title: "年度管理" };

export default function YearsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">年度管理</h1>
      <YearsAdmin />
      <HistoryImport />
    </div>
  );
}
