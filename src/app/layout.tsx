import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "部门预算公开平台", template: "%s · 部门预算公开平台" },
  description: "预算单位编制、主管部门审核、向社会公开部门预算。",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen font-sans antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
          跳到正文
        </a>
        <header className="bg-brand text-white print:hidden">
          <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3">
            <Link href="/" className="text-lg font-semibold tracking-wide">
              部门预算公开平台
            </Link>
            <nav aria-label="主导航" className="flex gap-4 text-sm">
              <Link href="/" className="hover:underline">
                预算公开
              </Link>
              <Link href="/workspace" className="hover:underline">
                工作台
              </Link>
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
        <footer className="mx-auto max-w-6xl px-4 pb-8 text-xs text-gray-500 print:hidden">
          金额单位除特别注明外为万元，保留两位小数。公开数据以主管部门批复、发布的版本为准。
        </footer>
      </body>
    </html>
  );
}
