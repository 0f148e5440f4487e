// Starts the built app for the browser tests on a fresh embedded database in .data-e2e/.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(`.data-e2e-${process.env.E2E_PORT ?? "3100"}`);
fs.rmSync(dir, { recursive: true, force: true });
const env = { LOG_LEVEL: "warn", ...process.env, DATA_DIR: dir, PORT: process.env.E2E_PORT ?? "3100", NEXTAUTH_URL: `http://127.0.0.1:${process.env.E2E_PORT ?? "3100"}` };
delete env.DATABASE_URL;
const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), "scripts/start.ts"], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
