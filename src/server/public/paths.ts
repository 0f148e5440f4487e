/** Open-data URLs: moved to `@/lib/paths` (pure); re-exported for older imports. */
export { openPaths } from "@/lib/paths";
