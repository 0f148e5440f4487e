/** Small shared pieces of the logged-in screens: plain, accessible, mobile-friendly. */
import type { ButtonHTMLAttributes, ReactNode } from "react";

export function Card({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const headingId = id ? `${id}-heading` : undefined;
  return (
    <section aria-labelledby={headingId} className="rounded bg-white p-4 shadow-sm">
      <h2 id={headingId} className="mb-3 text-lg font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Button({ variant = "primary", className = "", ...props }: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: "primary" | "secondary" | "danger" }) {
  const look = {
    primary: "bg-brand text-white hover:bg-brand-dark disabled:opacity-50",
    secondary: "border border-gray-300 bg-white text-gray-800 hover:bg-gray-50 disabled:opacity-50",
    danger: "border border-red-300 bg-white text-red-700 hover:bg-red-50 disabled:opacity-50",
  }[variant];
  return <button type="button" className={`rounded px-3 py-1.5 text-sm ${look} ${className}`} {...props} />;
}

export function ErrorText({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="alert" className="mt-2 rounded border border-red-200 bg-red-50 p-2 text-sm text-red-800">
      {children}
    </p>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <p role="status" className="mt-2 rounded border border-green-200 bg-green-50 p-2 text-sm text-green-800">
      {children}
    </p>
  );
}

export const inputClass = "mt-1 block w-full rounded border border-gray-300 px-2 py-1.5 text-sm focus:border-brand focus:outline-none";
export const labelClass = "block text-sm text-gray-700";

const STATUS_COLOURS: Record<string, string> = {
  draft: "bg-gray-100 text-gray-800",
  submitted: "bg-blue-100 text-blue-800",
  returned: "bg-amber-100 text-amber-900",
  approved: "bg-emerald-100 text-emerald-800",
  published: "bg-green-100 text-green-800",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`inline-block rounded px-2 py-0.5 text-xs ${STATUS_COLOURS[status] ?? ""}`}>{label}</span>;
}

export function formatDateTime(d: Date | string | null | undefined): string {
  if (!d) return "";
  return new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" }).format(new Date(d));
}
