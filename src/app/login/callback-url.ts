/** Only a path of this site, so the sign-in page cannot be used to send people elsewhere. */
export function safeCallbackUrl(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\") || raw.startsWith("/login")) return "/workspace";
  return raw;
}
