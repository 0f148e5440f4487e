import { requireSessionUser } from "@/server/auth/require";
import { SignedInShell } from "@/components/workspace/signed-in-shell";

export default async function WorkspaceLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser("/workspace");
  return <SignedInShell user={user}>{children}</SignedInShell>;
}
