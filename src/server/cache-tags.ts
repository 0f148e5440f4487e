/**
 * Cache tags of the public pages and open-data responses. Publishing or correcting a budget
 * revalidates `PUBLIC_TAG` (indexes, search, department consolidations) and the budget's own tag.
 */
export const PUBLIC_TAG = "public";

export function budgetTag(year: number, unitCode: string): string {
  return `budget:${year}:${unitCode}`;
}

/** Public URLs: moved to `@/lib/paths` (pure); re-exported for older imports. */
export { publicPaths } from "@/lib/paths";
