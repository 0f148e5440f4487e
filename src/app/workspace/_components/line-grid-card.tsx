"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { SavedLine } from "@/lib/grid/lines";
import { errorMessage, useTRPC } from "@/components/workspace/trpc";
import { LineGrid, type GridSave, type GridSaveResult } from "./line-grid";
import { useRefreshBudget } from "./use-budget";

interface Props {
  budgetId: number;
  version: number;
  lineItems: SavedLine[];
  projects: { id: number; name: string }[];
  editable: boolean;
}

/** The line-item grid wired to the server: the year's catalogue, one batch per save, reload after a conflict. */
export function LineGridCard({ budgetId, version, lineItems, projects, editable }: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefreshBudget();
  const options = useQuery({ ...trpc.budgets.formOptions.queryOptions({ budgetId }), staleTime: 10 * 60_000 });
  const apply = useMutation(trpc.editing.applyChanges.mutationOptions());

  async function save(batch: GridSave): Promise<GridSaveResult> {
    try {
      const out = await apply.mutateAsync({ budgetId, version: batch.version, changes: { lineItems: batch.lineItems } });
      await refresh();
      return { ok: true, version: out.version };
    } catch (error) {
      const conflict = error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "CONFLICT";
      return { ok: false, conflict, message: errorMessage(error) };
    }
  }

  async function reload() {
    const detail = await queryClient.fetchQuery({ ...trpc.budgets.get.queryOptions({ budgetId }), staleTime: 0 });
    await refresh();
    return { version: detail.budget.version, lines: detail.lineItems as SavedLine[] };
  }

  return (
    <>
      {options.error && <p role="alert">{errorMessage(options.error)}</p>}
      <LineGrid
        version={version}
        lines={lineItems}
        projects={projects}
        options={options.data}
        editable={editable && !!options.data}
        save={save}
        reload={reload}
      />
    </>
  );
}
