import "server-only";
import { revalidatePath, revalidateTag } from "next/cache";
import { getDb } from "../db";
import { getSessionUser } from "../auth/options";
import { PUBLIC_TAG, budgetTag } from "../cache-tags";
import { publicPaths } from "@/lib/paths";
import { createContext, type Context, type PublishedTarget } from "./trpc";
import { forgetPublicCaches } from "../http/publication-listener";

/** Expire the public pages a publication changes, at once (not stale-while-revalidate). */
function revalidatePublic({ year, unitCode, departmentCode }: PublishedTarget) {
  const now = { expire: 0 };
  revalidateTag(PUBLIC_TAG, now);
  revalidateTag(budgetTag(year, unitCode), now);
  for (const path of [publicPaths.home(), publicPaths.year(year), publicPaths.unit(year, unitCode), publicPaths.department(year, departmentCode)]) {
    revalidatePath(path);
  }
  // The page cache and the data generation; other processes hear of it from the database (NOTIFY).
  forgetPublicCaches();
}

/** The context of a tRPC request over HTTP: the app's database and the session's user, checked. */
export async function createRequestContext(): Promise<Context> {
  return createContext({ db: await getDb(), user: await getSessionUser(), revalidatePublic });
}
