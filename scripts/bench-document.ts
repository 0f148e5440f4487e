/**
 * npm run bench:document — what a first (uncached) request costs on the public side, in process,
 * on a throwaway database (PGlite in memory, or the server named by DATABASE_URL):
 *
 *  1. the unit page right after publication: the index lookup, the revisions, the snapshot, the
 *     engine and the disclosure document rendered to HTML (everything the page reads and renders
 *     through src/server/public/views.ts and static-html.ts, nothing from a cache);
 *  2. the same for a department of 1,000 units × 300 lines (scripts/bench.ts builds it);
 *  3. the PDF of the reference unit (src/lib/export/pdf.ts), first (fonts read and parsed) and warm.
 *
 * Each figure: RUNS fresh runs (nothing is cached between them), median and max.
 * BENCH_UNITS / BENCH_LINES shrink the department.
 */
import os from "node:os";
import { createElement } from "react";
import { computeDisclosure } from "../src/lib/budget";
import { reference023002_2024 } from "../src/lib/sample/reference-023002-2024";
import { DisclosureDocument } from "../src/components/disclosure/DisclosureDocument";
import { renderToHtml } from "../src/components/disclosure/static-html";
import { seedDatabase } from "../src/server/db/seed";
import { directData } from "../src/server/public/data";
import { makePdf } from "../src/server/public/pdf";
import { departmentView, unitView } from "../src/server/public/views";
import { createTestDatabase } from "../tests/helpers/db";
import { buildDepartment } from "./bench";

const RUNS = 5;

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return `median ${median.toFixed(0)} ms, max ${(sorted.at(-1) as number).toFixed(0)} ms (${samples.length} runs)`;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "?"}, Node ${process.version}, load ${os.loadavg()[0]?.toFixed(2)}`);

// 1. Unit page, first render after publication.
{
  const t = await createTestDatabase();
  try {
    await seedDatabase(t.db);
    console.log(`engine: ${t.engine ?? (process.env.DATABASE_URL ? "postgresql" : "pglite")}`);
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const data = directData(t.db); // no cache of any kind
      samples.push(
        await timed(async () => {
          const v = await unitView(data, 2024, "023002");
          if (!v) throw new Error("unit missing");
          renderToHtml(createElement(DisclosureDocument, { d: v.disclosure, options: {} }));
        }),
      );
    }
    console.log(`unit page 2024/023002, uncached data + document HTML: ${stats(samples)}`);
  } finally {
    await t.close();
  }
}

// 2. A 1,000-unit department page, first render.
{
  const t = await createTestDatabase();
  try {
    const t0 = performance.now();
    await buildDepartment(t.db);
    console.log(`department 099 built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const samples: number[] = [];
    const dataOnly: number[] = [];
    const htmlOnly: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const data = directData(t.db);
      samples.push(
        await timed(async () => {
          const t1 = performance.now();
          const v = await departmentView(data, 2024, "099");
          if (!v) throw new Error("department missing");
          const t2 = performance.now();
          renderToHtml(createElement(DisclosureDocument, { d: v.disclosure, options: {} }));
          dataOnly.push(t2 - t1);
          htmlOnly.push(performance.now() - t2);
        }),
      );
    }
    const units = process.env.BENCH_UNITS ?? 1000;
    console.log(`department page 2024/099 (${units} units), uncached data + document HTML: ${stats(samples)}`);
    console.log(`  of which the data (index, consolidation, engine, series): ${stats(dataOnly)}`);
    console.log(`  of which the document HTML: ${stats(htmlOnly)}`);
  } finally {
    await t.close();
  }
}

// 3. PDF of the reference unit.
{
  const d = computeDisclosure(reference023002_2024);
  const meta = { title: "沈阳市和平区人力资源和社会保障事务服务中心 2024 年部门预算", revision: 1, publishedAt: "2024-02-02T00:00:00Z" };
  let bytes = 0;
  const first = await timed(async () => {
    bytes = (await makePdf(d, meta)).length;
  });
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push(await timed(() => makePdf(d, meta)));
  console.log(`PDF of 2024/023002: first ${first.toFixed(0)} ms (fonts read and parsed), then ${stats(warm)}; ${(bytes / 1024).toFixed(0)} kB`);
}
