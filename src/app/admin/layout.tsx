import { requireSessionUser } from "@/server/auth/require";
import { SignedInShell } from "@/components/workspace/signed-in-shell";
import { forbiddenMessage, hasPermission } from "@/lib/auth/permissions";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireSessionUser("/admin/users");
  // Every admin page needs both; the procedures refuse again.
  return (
    <SignedInShell user={user}>
      {hasPermission(user.role, "user.manage") && hasPermission(user.role, "admin.manage") ? (
        children
      ) : (
        <p role="alert">{forbiddenMessage("admin.manage")}</p>
      )}
    </SignedInShell>
  );
}
