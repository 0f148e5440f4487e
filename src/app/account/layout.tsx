import { requireSessionUser } from "@/server/auth/require";
import { SignedInShell } from "@/components/workspace/signed-in-shell";

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser("/account");
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
