"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/workspace/ui";

/**
 * Every verb asks before it acts: the verb's button opens this box, and only "确认…" sends.
 * An alertdialog in the flow of the page (no overlay), so it works on a phone and in print.
 */
export function ConfirmBox({
  verb,
  children,
  pending,
  onConfirm,
  onCancel,
}: {
  verb: string;
  children?: ReactNode;
  pending?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <div role="alertdialog" aria-label={`确认${verb}`} className="mt-2 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">确定要{verb}吗？</p>
      {children && <div className="mt-1 text-gray-700">{children}</div>}
      <div className="mt-2 flex flex-wrap gap-2">
        <Button autoFocus disabled={pending} onClick={onConfirm}>
          确认{verb}
        </Button>
        <Button variant="secondary" disabled={pending} onClick={onCancel}>
          取消
        </Button>
      </div>
    </div>
  );
}
