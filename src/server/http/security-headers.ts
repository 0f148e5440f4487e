/**
 * Security headers of every response the app sends (pages, cached public pages, APIs), set by the
 * production server in front of Next (src/server/http/front.ts). No Next imports here.
 *
 * The pages Next renders carry inline scripts (its RSC payload and bootstrap), so their policy
 * allows inline scripts of this origin only; the public pages served from the page cache carry no
 * script at all and get `script-src 'none'`. Framing is refused everywhere (frame-ancestors and
 * X-Frame-Options); HSTS is sent only when the request arrived over HTTPS.
 */
const common = [
  "default-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

/** Pages rendered by Next (workspace, sign-in, not-found): its inline bootstrap scripts must run. */
export const APP_CSP = [...common, "script-src 'self' 'unsafe-inline'"].join("; ");
/** Public documents served from the page cache: no script at all. */
export const DOCUMENT_CSP = [...common, "script-src 'none'"].join("; ");

export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders(options: { https: boolean; document?: boolean }): Record<string, string> {
  const headers: Record<string, string> = {
    "content-security-policy": options.document ? DOCUMENT_CSP : APP_CSP,
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
  };
  if (options.https) headers["strict-transport-security"] = HSTS;
  return headers;
}
