"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { Card, ErrorText } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/** The draft as it would be published: the public page's own document, computed by the engine now. */
export function PreviewCard({ budgetId }: { budgetId: number }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const preview = useQuery({ ...trpc.budgets.preview.queryOptions({ budgetId }), enabled: open });
  return (
    <Card title="预览公开表格" id="preview">
      <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary className="cursor-pointer text-sm text-brand">显示按当前内容生成的 17 张表、情况说明和名词解释</summary>
        {preview.isPending && open && <p className="mt-2 text-sm">正在生成…</p>}
        <ErrorText>{preview.error && errorMessage(preview.error)}</ErrorText>
        {preview.data && (
          <div className="mt-3 overflow-x-auto" aria-label="公开表格预览" role="region">
            <DisclosureDocument d={preview.data} />
          </div>
        )}
      </details>
    </Card>
  );
}
