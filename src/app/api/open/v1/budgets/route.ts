import { handleIndex, handleOptions } from "@/server/public/open-api";
import { cachedData } from "@/server/public/cached";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleIndex(cachedData, request);
}

export const OPTIONS = handleOptions;
