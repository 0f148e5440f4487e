"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/workspace/trpc";

/** After any write, everything about budgets is read again: the version, the checks, the lists. */
export function useRefreshBudget() {
  const queryClient = useQueryClient();
  const trpc = useTRPC();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.budgets.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.review.pathKey() }),
    ]);
}

export interface BudgetRef {
  budgetId: number;
  version: number;
}
