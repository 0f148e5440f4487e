import "server-only";
import { redirect } from "next/navigation";
import { getSessionUser } from "./options";
import type { SessionUser } from "./session";

/** The signed-in user of a logged-in page, or a redirect to the sign-in page that comes back here. */
export async function requireSessionUser(returnTo: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/login?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}
