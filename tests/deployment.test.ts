/**
 * docker-compose.yml: no published session secret (Compose must refuse to start without one), two
 * app replicas behind a reverse proxy that the app trusts for exactly one hop.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const compose = fs.readFileSync(path.join(root, "docker-compose.yml"), "utf8");
const caddy = fs.readFileSync(path.join(root, "deploy", "Caddyfile"), "utf8");

describe("docker-compose.yml", () => {
  it("refuses to start without AUTH_SECRET: no default secret anywhere", () => {
    const lines = compose.split("\n").filter((l) => /AUTH_SECRET|NEXTAUTH_SECRET/.test(l) && !l.trim().startsWith("#"));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      // ${AUTH_SECRET:?message} makes `docker compose` fail with the message when it is unset or empty.
      expect(line).toMatch(/\$\{AUTH_SECRET:\?[^}]+\}/);
      expect(line).not.toMatch(/AUTH_SECRET:?-/);
    }
  });

  it("runs PostgreSQL, two app replicas and Caddy in front of both", () => {
    for (const service of ["db", "app1", "app2", "proxy"]) expect(compose).toMatch(new RegExp(`^  ${service}:`, "m"));
    expect(compose).toMatch(/image: caddy:2/);
    expect(compose).toMatch(/TRUST_PROXY: "1"/);
    // Only the proxy publishes a port; the apps and the database stay on the internal network.
    expect(compose.match(/^\s+ports:/gm)?.length).toBe(1);
    expect(caddy).toMatch(/reverse_proxy app1:3000 app2:3000/);
  });
});
