/**
 * `GET /budgets/{year}/{unitCode}.pdf` and `GET /budgets/{year}/departments/{code}.pdf`: the whole
 * published disclosure as a PDF generated here, on the server (src/lib/export/pdf.ts), with no
 * browser. The font is Noto Sans SC ("Noto Sans Hans") from the npm package @embedpdf/fonts-sc,
 * installed with the app, so it works offline; a system Noto Sans CJK, where present, covers any
 * character that font lacks. A PDF depends only on the snapshots it shows, which never change, so
 * it is made once per (snapshots, revision) and kept in memory (a few recent ones).
 */
import fs from "node:fs";
import path from "node:path";
import { disclosurePdf, type PdfFonts, type PdfMeta } from "@/lib/export/pdf";
import type { Disclosure } from "@/lib/budget/model";
import { publicPaths } from "../cache-tags";
import type { PublicData } from "./data";
import { attachment, cachedResponse, notFound, snapshotEtag, unitTitle } from "./open-api";
import { departmentView, parseCode, parseRevision, parseYear, unitRef } from "./views";

const FONT_PACKAGE = path.join("node_modules", "@embedpdf", "fonts-sc", "fonts");
const SYSTEM_FALLBACKS = [
  "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
  "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
];

let fonts: PdfFonts | null = null;

/** The fonts, read once: the packaged Noto Sans SC, else a system CJK font. */
export function pdfFonts(): PdfFonts {
  if (fonts) return fonts;
  const dirs = [path.join(process.cwd(), FONT_PACKAGE), path.join(path.dirname(process.argv[1] ?? "."), "..", FONT_PACKAGE)];
  const dir = dirs.find((d) => fs.existsSync(path.join(d, "NotoSansHans-Regular.otf")));
  const system = SYSTEM_FALLBACKS.find((f) => fs.existsSync(f));
  if (dir) {
    fonts = {
      regular: fs.readFileSync(path.join(dir, "NotoSansHans-Regular.otf")),
      bold: fs.readFileSync(path.join(dir, "NotoSansHans-Bold.otf")),
      ...(system ? { fallback: fs.readFileSync(system), fallbackFamily: "NotoSansCJKsc-Regular" } : {}),
    };
  } else if (system) {
    const bytes = fs.readFileSync(system);
    fonts = { regular: bytes, bold: bytes, family: "NotoSansCJKsc-Regular" };
  } else {
    throw new Error("PDF 字体缺失：请运行 npm install（@embedpdf/fonts-sc）/ PDF font missing: run npm install (@embedpdf/fonts-sc)");
  }
  return fonts;
}

const made = new Map<string, Promise<Buffer>>();
const KEEP = 24;

function memo(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
  let p = made.get(key);
  if (!p) {
    p = make();
    p.catch(() => made.delete(key));
    made.set(key, p);
    while (made.size > KEEP) made.delete(made.keys().next().value as string);
  }
  return p;
}

export function makePdf(d: Disclosure, meta: PdfMeta): Promise<Buffer> {
  return disclosurePdf(d, meta, pdfFonts());
}

function pdfCode(raw: string): string | null {
  const m = /^(\d{3,12})\.pdf$/.exec(raw);
  return m ? parseCode(m[1] as string) : null;
}

const PDF_TYPE = "application/pdf";

export async function handleUnitPdf(data: PublicData, request: Request, params: { year: string; file: string }): Promise<Response> {
  const url = new URL(request.url);
  const year = parseYear(params.year);
  const code = pdfCode(params.file);
  const revision = parseRevision(url.searchParams.get("revision") ?? undefined);
  if (year === null || code === null || revision === null) return notFound(` ${params.year} 年 ${params.file} `);
  const ref = await unitRef(data, year, code, revision);
  if (!ref) return notFound(` ${year} 年单位 ${code} `);
  const etag = snapshotEtag("unit", String(ref.shown.snapshotId), ref.shown.revision, "pdf", url.origin);
  return cachedResponse(request, etag, async () => {
    const bytes = await memo(`unit:${ref.shown.snapshotId}:${url.origin}`, async () => {
      const d = await data.unitDisclosure({ snapshotId: ref.shown.snapshotId, year, unitCode: code });
      if (!d) throw new Error(`snapshot ${ref.shown.snapshotId} could not be read`);
      const htmlPath = ref.isLatest ? publicPaths.unit(year, code) : publicPaths.unitRevision(year, code, ref.shown.revision);
      return makePdf(d, {
        title: unitTitle(ref),
        revision: ref.shown.revision,
        publishedAt: ref.shown.publishedAt,
        correctionNote: ref.shown.correctionNote,
        htmlUrl: `${url.origin}${htmlPath}`,
      });
    });
    const suffix = ref.isLatest ? "" : `-r${ref.shown.revision}`;
    return {
      body: new Uint8Array(bytes) as unknown as BodyInit,
      headers: {
        "Content-Type": PDF_TYPE,
        "Content-Disposition": attachment(`${year}-${code}${suffix}.pdf`, `${year}-${code}-${ref.row.unitName}${suffix}.pdf`).replace(
          /^attachment/,
          "inline",
        ),
      },
    };
  });
}

export async function handleDepartmentPdf(data: PublicData, request: Request, params: { year: string; file: string }): Promise<Response> {
  const url = new URL(request.url);
  const year = parseYear(params.year);
  const code = pdfCode(params.file);
  if (year === null || code === null) return notFound(` ${params.year} 年 ${params.file} `);
  const view = await departmentView(data, year, code);
  if (!view) return notFound(` ${year} 年主管部门 ${code} `);
  const ids = view.summary.rows.map((r) => r.snapshotId).join(".");
  const etag = snapshotEtag("department", ids, 1, "pdf", url.origin);
  return cachedResponse(request, etag, async () => {
    const bytes = await memo(`department:${year}:${code}:${ids}:${url.origin}`, () =>
      makePdf(view.disclosure, {
        title: `${view.department.name} ${year} 年部门预算（部门汇总）`,
        revision: 1,
        publishedAt: view.summary.rows.map((r) => r.publishedAt).sort().at(-1) ?? "",
        htmlUrl: `${url.origin}${publicPaths.department(year, code)}`,
      }),
    );
    return {
      body: new Uint8Array(bytes) as unknown as BodyInit,
      headers: {
        "Content-Type": PDF_TYPE,
        "Content-Disposition": attachment(`${year}-${code}.pdf`, `${year}-${code}-${view.department.name}.pdf`).replace(/^attachment/, "inline"),
      },
    };
  });
}
