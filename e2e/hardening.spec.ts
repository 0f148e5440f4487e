/**
 * Hardening, end to end on the built app: the content security policy lets the app's own pages
 * work, callbackUrl cannot send the browser elsewhere, a signed-out cookie is dead, malformed paths
 * are 400; and two app processes on one PostgreSQL server: a correction published through one is
 * read from the other at once.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import path from "node:path";
import { expect, request, test, type APIRequestContext, type Page } from "@playwright/test";
import pg from "pg";

const PASSWORD = "demo-2024";

async function signInWithForm(page: Page, username: string) {
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASSWORD);
  await page.getByRole("button", { name: "登录" }).click();
}

test("pages work under the security headers; callbackUrl stays on the site; sign-out ends the session on the server", async ({ page, browser, baseURL }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(e.message));

  const login = await page.goto("/login?callbackUrl=%2F%09%2Fevil.example%2Fphish");
  const headers = login!.headers();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  // Signing in runs the page's scripts (the form posts through next-auth's client): the CSP allows them.
  await signInWithForm(page, "preparer");
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/workspace`));
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
  expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);

  // Signed in, a newline in callbackUrl is a redirect, not a 500.
  const lf = await page.goto("/login?callbackUrl=%2Fworkspace%0A%2Fx");
  expect(lf!.status()).toBeLessThan(400);
  await expect(page).toHaveURL(new RegExp(`^${baseURL}/workspace`));

  // The public pages, served from the page cache, carry the headers too (and no script at all).
  for (let i = 0; i < 2; i++) {
    const pub = await page.goto("/budgets/2024/023002");
    expect(pub!.status()).toBe(200);
    expect(pub!.headers()["content-security-policy"]).toMatch(/script-src 'none'/);
    expect(pub!.headers()["x-frame-options"]).toBe("DENY");
  }

  // A copied cookie stops working once its session signs out.
  const cookies = await page.context().cookies();
  await page.goto("/logout");
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
  const thief = await browser.newContext();
  await thief.addCookies(cookies);
  const stolen = await thief.newPage();
  await stolen.goto("/workspace");
  await expect(stolen).toHaveURL(/\/login/);
  await thief.close();

  expect(violations).toEqual([]);
});

test("malformed paths are 400, not 500", async ({ request: http }) => {
  for (const p of ["/budgets/2024/%ZZ", "/api/open/v1/budgets/2024/%", "/budgets/2024/%ED%A0%80"]) {
    const res = await http.get(p);
    expect(res.status(), p).toBe(400);
    expect(await res.text()).toMatch(/请求的地址无效/);
  }
});

// ---------------------------------------------------------------------------
// Two processes, one PostgreSQL server
// ---------------------------------------------------------------------------

const SERVER = process.env.E2E_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const PORT_BASE = Number(process.env.E2E_MULTI_PORT ?? 3170);

async function serverReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: SERVER, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function signIn(ctx: APIRequestContext, username: string) {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, username, password: PASSWORD, json: "true" } });
  expect(res.ok()).toBeTruthy();
}

async function trpc<T>(ctx: APIRequestContext, pathName: string, input?: unknown, mutation = false): Promise<T> {
  const res = mutation
    ? await ctx.post(`/api/trpc/${pathName}`, { data: { json: input } })
    : await ctx.get(`/api/trpc/${pathName}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`);
  const body = (await res.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!res.ok() || !body.result) throw new Error(`${pathName}: ${res.status()} ${JSON.stringify(body.error)}`);
  return body.result.data.json;
}

/** "123.45" + 1 万元, in exact 分. */
function plusTenThousand(amount: string): string {
  const [yuan = "0", fen = ""] = amount.split(".");
  const cents = BigInt(yuan) * 100n + BigInt((fen + "00").slice(0, 2)) + 1_000_000n;
  return `${cents / 100n}.${String(cents % 100n).padStart(2, "0")}`;
}

test.describe("two app processes on one PostgreSQL server", () => {
  test.setTimeout(420_000);
  const database = `budget_e2e_multi_${crypto.randomBytes(4).toString("hex")}`;
  const children: ChildProcess[] = [];
  let url = "";

  test.afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
    if (!url) return;
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  });

  test("a correction published through one process is read from the other at once", async () => {
    test.skip(!(await serverReachable()), `no PostgreSQL server at ${SERVER}`);
    const admin = new pg.Client({ connectionString: SERVER });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const target = new URL(SERVER);
    target.pathname = `/${database}`;
    url = target.toString();

    const tsx = path.resolve("node_modules/tsx/dist/cli.mjs");
    const base = { ...process.env, DATABASE_URL: url, AUTH_SECRET: crypto.randomBytes(24).toString("base64url"), NEXT_TELEMETRY_DISABLED: "1" };
    const seeded = spawnSync(process.execPath, [tsx, "scripts/seed.ts"], { env: base, encoding: "utf8" });
    expect(seeded.status, seeded.stderr).toBe(0);

    const ports = [PORT_BASE, PORT_BASE + 1];
    for (const port of ports) {
      const child = spawn(process.execPath, [tsx, "scripts/start.ts"], {
        env: { ...base, PORT: String(port), NEXTAUTH_URL: `http://127.0.0.1:${port}` },
        stdio: ["ignore", "ignore", "inherit"],
      });
      children.push(child);
    }
    const [a, b] = await Promise.all(ports.map((port) => request.newContext({ baseURL: `http://127.0.0.1:${port}` })));
    for (const ctx of [a!, b!]) {
      await expect.poll(async () => (await ctx.get("/api/health").catch(() => null))?.status(), { timeout: 180_000, intervals: [500] }).toBe(200);
    }

    // The reader on B has the published 2024 budget cached (page cache and data cache): 5,114.04 万元.
    const reader = b!;
    for (let i = 0; i < 2; i++) expect((await reader.get("/budgets/2024/023002")).status()).toBe(200);
    const oldTotal = "5,114.04";
    const newTotal = "5,115.04";
    expect(await (await reader.get("/")).text()).toContain(oldTotal);
    const before = (await (await reader.get("/api/open/v1/budgets/2024/023002.json")).json()) as { revision: number };
    expect(before.revision).toBe(1);

    // Through A: the preparer corrects a line (+1 万元), the reviewer approves and publishes it.
    const preparer = await request.newContext({ baseURL: `http://127.0.0.1:${ports[0]}` });
    const reviewer = await request.newContext({ baseURL: `http://127.0.0.1:${ports[0]}` });
    await signIn(preparer, "preparer");
    await signIn(reviewer, "reviewer");
    type Row = { id: number; version: number; year: number; status: string; unitCode: string };
    const list = await trpc<Row[]>(preparer, "budgets.list");
    const published = list.find((r) => r.year === 2024 && r.unitCode === "023002" && r.status === "published");
    if (!published) throw new Error("no published 2024 budget");
    const correction = await trpc<{ budgetId: number; version: number }>(preparer, "workflow.startCorrection", { budgetId: published.id, version: published.version }, true);
    type Line = { id: number; functionCode: string; economicCode: string; kind: string; projectId: number | null; source: string; period: string; amount: string };
    const detail = await trpc<{ lineItems: Line[] }>(preparer, "budgets.get", { budgetId: correction.budgetId });
    // A project line: 基本支出 must stay equal to the unit's overall performance targets.
    const line = detail.lineItems.find((l) => l.kind === "project")!;
    const item = { functionCode: line.functionCode, economicCode: line.economicCode, kind: line.kind, projectId: line.projectId, source: line.source, period: line.period };
    const edited = await trpc<{ version: number }>(
      preparer,
      "editing.updateLineItem",
      { budgetId: correction.budgetId, version: correction.version, lineItemId: line.id, item: { ...item, amount: plusTenThousand(line.amount) } },
      true,
    );
    const { checks } = await trpc<{ checks: { id: string; severity: string }[] }>(preparer, "budgets.checks", { budgetId: correction.budgetId });
    const acknowledgedWarnings = checks.filter((c) => c.severity === "warning").map((c) => c.id);
    const submitted = await trpc<{ version: number }>(preparer, "workflow.submit", { budgetId: correction.budgetId, version: edited.version, acknowledgedWarnings }, true);
    const approved = await trpc<{ version: number }>(reviewer, "workflow.approve", { budgetId: correction.budgetId, version: submitted.version }, true);
    const note = `两进程更正测试 ${crypto.randomBytes(3).toString("hex")}`;
    await trpc(reviewer, "workflow.publish", { budgetId: correction.budgetId, version: approved.version, correctionNote: note }, true);
    const publishedAt = Date.now();

    // B answers with the correction at once: the pages (from B's page cache) and the open data (B's data cache).
    await expect.poll(async () => (await reader.get("/budgets/2024/023002")).text(), { timeout: 2000, intervals: [0, 50, 100] }).toContain(note);
    console.log(`B served the corrected page ${Date.now() - publishedAt} ms after A's publish call returned`);
    const home = await (await reader.get("/")).text();
    // The home page lists the correction among the latest publications (the first version stays listed as published then).
    expect(home).toContain(newTotal);
    expect(home).toContain("/budgets/2024/023002?revision=2");
    const after = (await (await reader.get("/api/open/v1/budgets/2024/023002.json")).json()) as { revision: number; correctionNote: string };
    expect(after).toMatchObject({ revision: 2, correctionNote: note });

    for (const ctx of [a!, b!, preparer, reviewer]) await ctx.dispose();
  });
});

