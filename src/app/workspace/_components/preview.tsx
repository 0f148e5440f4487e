"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { DisclosureDocument } from "@/components/disclosure/DisclosureDocument";
import { ErrorText } from "@/components/workspace/ui";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";

/**
 * The draft as the public will read it: the 17 tables and the 情况说明 rendered by the public
 * page's own components, recomputed after every save (the query is refreshed with the budget).
 * Computed only while it is open.
 */
export function Preview({ budgetId, open }: { budgetId: number; open: boolean }) {
  const trpc = useTRPC();
  const [shown, setShown] = useState(open);
  const preview = useQuery({ ...trpc.budgets.preview.queryOptions({ budgetId }), enabled: shown });
  return (
    <details open={shown} onToggle={(e) => setShown(e.currentTarget.open)} className="rounded bg-white p-4 shadow-sm" id="preview">
      <summary className="cursor-pointer text-lg font-semibold">公开预览（17 张表和情况说明，与公开页面一致）</summary>
      {shown && preview.isPending && <p>正在生成预览…</p>}
      {preview.error && <ErrorText>{errorMessage(preview.error)}</ErrorText>}
      {shown && preview.data && (
        <div className="mt-3 max-h-[80vh] overflow-auto" role="region" aria-label="公开预览">
          <DisclosureDocument d={preview.data} />
        </div>
      )}
    </details>
  );
}
