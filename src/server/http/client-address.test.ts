import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, annotateClientAddress, resolveClientAddress, trustedProxyCount } from "./client-address";
import { clientAddress } from "../auth/options";

describe("the client address for the sign-in limits", () => {
  it("ignores X-Forwarded-For unless TRUST_PROXY says how many proxies to believe", () => {
    expect(resolveClientAddress("203.0.113.9", "1.2.3.4", 0)).toBe("203.0.113.9");
    expect(resolveClientAddress("::ffff:203.0.113.9", undefined, 0)).toBe("203.0.113.9");
    // One proxy (Caddy) appends the real client; what the client sent stays on the left.
    expect(resolveClientAddress("10.0.0.2", "1.2.3.4, 198.51.100.7", 1)).toBe("198.51.100.7");
    expect(resolveClientAddress("10.0.0.2", "198.51.100.7, 10.0.0.3", 2)).toBe("198.51.100.7");
    // Fewer entries than proxies: the leftmost known hop, never an index outside the chain.
    expect(resolveClientAddress("10.0.0.2", undefined, 3)).toBe("10.0.0.2");
  });

  it("rotating X-Forwarded-For does not give a client a new address", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const req = { headers: { "x-forwarded-for": `10.9.${i}.1`, [CLIENT_ADDRESS_HEADER]: `10.8.${i}.1` }, socket: { remoteAddress: "203.0.113.9" } };
      annotateClientAddress(req as never, 0);
      seen.add(clientAddress(req.headers));
    }
    expect([...seen]).toEqual(["203.0.113.9"]);
  });

  it("the sign-in never reads a client-sent X-Forwarded-For", () => {
    expect(clientAddress({ "x-forwarded-for": "1.2.3.4" })).toBe("unknown");
    expect(clientAddress(new Headers({ "x-forwarded-for": "1.2.3.4", [CLIENT_ADDRESS_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
  });

  it("TRUST_PROXY is a small whole number", () => {
    expect(trustedProxyCount(undefined)).toBe(0);
    expect(trustedProxyCount("1")).toBe(1);
    expect(() => trustedProxyCount("true")).toThrow(/TRUST_PROXY/);
    expect(() => trustedProxyCount("-1")).toThrow(/TRUST_PROXY/);
  });
});
