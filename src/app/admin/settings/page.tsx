import type { Metadata } from "next";
import { SettingsAdmin } from "./settings-admin";

export const metadata: Metadata = { title: "公开设置" };

export default function SettingsPage() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">公开设置</h1>
      <SettingsAdmin />
    </div>
  );
}
