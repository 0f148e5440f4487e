/**
 * The client's address, for the sign-in limits. X-Forwarded-For is written by whoever sends the
 * request, so it is believed only as far as a configured TRUST_PROXY says: the number of reverse
 * proxies in front of the app, each appending the address it received the request from. With
 * TRUST_PROXY unset or 0 the socket's peer is the client, whatever the headers say.
 *
 * The production server (scripts/serve.ts) resolves the address once per request and passes it to
 * Next in CLIENT_ADDRESS_HEADER, replacing any value a client sent. No Next imports here.
 */
import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER = "x-budget-client-address";

/** TRUST_PROXY: how many proxies (a whole number, 0 by default). Anything else is a setup error. */
export function trustedProxyCount(raw: string | undefined = process.env.TRUST_PROXY): number {
  if (raw === undefined || raw.trim() === "") return 0;
  const n = Number(raw.trim());
  if (!Number.isInteger(n) || n < 0 || n > 10) {
    throw new Error(`TRUST_PROXY 应为 0–10 的整数（反向代理的层数），而不是 "${raw}" / TRUST_PROXY must be the number of reverse proxies (0–10)`);
  }
  return n;
}

/**
 * The address `trust` proxies vouch for: the chain is the X-Forwarded-For entries followed by the
 * socket's peer; each trusted proxy is one hop from the right. A client that sends its own header
 * only adds entries to the left of what the trusted proxies append.
 */
export function resolveClientAddress(remote: string | undefined, forwardedFor: string | string[] | undefined, trust: number): string {
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [
    ...header
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean),
    remote ?? "unknown",
  ];
  const address = chain[Math.max(0, chain.length - 1 - trust)] ?? "unknown";
  // IPv4 clients of a dual-stack socket arrive as ::ffff:a.b.c.d.
  return address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1").slice(0, 64);
}

/** Set CLIENT_ADDRESS_HEADER on an incoming request, overwriting anything the client sent. */
export function annotateClientAddress(req: Pick<IncomingMessage, "headers" | "socket">, trust: number) {
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trust);
}
