/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its WebAssembly and data files beside its code: load it from node_modules, unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@node-rs/argon2", "exceljs", "pino", "prom-client", "pdfkit", "fontkit"],
  // The disclosure as PDF lives beside its page: /budgets/{year}/{unitCode}.pdf and
  // /budgets/{year}/departments/{code}.pdf are answered by route handlers (src/server/public/pdf.ts).
  async rewrites() {
    return {
      beforeFiles: [
        { source: "/budgets/:year(\\d{4})/:file(\\d{3,12}\\.pdf)", destination: "/api/public/pdf/unit/:year/:file" },
        { source: "/budgets/:year(\\d{4})/departments/:file(\\d{3,12}\\.pdf)", destination: "/api/public/pdf/department/:year/:file" },
      ],
      afterFiles: [],
      fallback: [],
    };
  },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
