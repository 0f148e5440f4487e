/**
 * Where to go after signing in: only a path of this site, so the sign-in page cannot be used to send
 * people elsewhere. Browsers drop tab, CR and LF anywhere in a URL and read "\" as "/", so
 * "/\t/evil.example" would become "//evil.example" (another host); control characters also cannot
 * go into a Location header. Both are refused, and what is returned is the path as the URL parser
 * reads it on this site (percent-encoded, ASCII only).
 */
const FALLBACK = "/workspace";
const BASE = "http://same-site.invalid";

export function safeCallbackUrl(raw: string | undefined | null): string {
  if (!raw || !raw.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(raw)) return FALLBACK;
  let url: URL;
  try {
    url = new URL(raw, BASE);
  } catch {
    return FALLBACK;
  }
  if (url.origin !== BASE) return FALLBACK;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || url.pathname === "/login" || url.pathname.startsWith("/login/")) return FALLBACK;
  return path;
}

/**
 * next-auth's redirect after sign-in and sign-out: a URL of this site (absolute or a path), never
 * another origin and never one carrying control characters.
 */
export function safeRedirect(url: string, baseUrl: string): string {
  if (/[\u0000-\u001f\u007f\\]/.test(url)) return baseUrl;
  try {
    const base = new URL(baseUrl);
    const target = new URL(url, base);
    return target.origin === base.origin ? target.href : baseUrl;
  } catch {
    return baseUrl;
  }
}
