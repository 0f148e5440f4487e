/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships its WebAssembly and data files beside its code: load it from node_modules, unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@node-rs/argon2", "exceljs", "pino", "prom-client"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
