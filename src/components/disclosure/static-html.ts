/**
 * Renders the disclosure's server components to an HTML string, once per published snapshot, so
 * that the public pages can send cached markup instead of re-rendering 17 tables (thousands of
 * cells) through React Server Components on every request.
 *
 * The components it renders are the same ones the pages use: plain functions of their props, no
 * hooks, no context, no client components. React's own string renderer is not available in the
 * server-components layer, hence this small one; tests/public-pages.test.ts checks that its output
 * equals react-dom/server's for the whole document.
 */
import { Fragment, isValidElement, type ReactElement, type ReactNode } from "react";

const VOID = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);

/** React prop → HTML attribute, where they differ (for the attributes these components use). */
const ATTRIBUTES: Record<string, string> = {
  className: "class",
  htmlFor: "for",
  tabIndex: "tabindex",
  textAnchor: "text-anchor",
  defaultValue: "value",
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;" };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

function attributes(props: Record<string, unknown>): string {
  let out = "";
  for (const [name, value] of Object.entries(props)) {
    if (name === "children" || name === "key" || value === undefined || value === null || value === false) continue;
    if (name === "style" || name === "dangerouslySetInnerHTML" || /^on[A-Z]/.test(name)) {
      throw new Error(`renderToHtml: unsupported prop ${name}`);
    }
    const attr = ATTRIBUTES[name] ?? name;
    if (value === true) out += ` ${attr}=""`;
    else if (typeof value === "string" || typeof value === "number") out += ` ${attr}="${escapeHtml(String(value))}"`;
    else throw new Error(`renderToHtml: unsupported value for ${name}`);
  }
  return out;
}

export function renderToHtml(node: ReactNode): string {
  if (node === null || node === undefined || typeof node === "boolean") return "";
  if (typeof node === "string") return escapeHtml(node);
  if (typeof node === "number" || typeof node === "bigint") return String(node);
  if (Array.isArray(node)) return node.map(renderToHtml).join("");
  if (!isValidElement(node)) throw new Error("renderToHtml: unsupported node");
  const element = node as ReactElement<Record<string, unknown>>;
  const { type, props } = element;
  if (type === Fragment) return renderToHtml(props.children as ReactNode);
  if (typeof type === "function") {
    const rendered = (type as (p: Record<string, unknown>) => unknown)(props);
    if (rendered instanceof Promise) throw new Error("renderToHtml: async components are not supported");
    return renderToHtml(rendered as ReactNode);
  }
  if (typeof type !== "string") throw new Error("renderToHtml: only server components and HTML elements are supported");
  const open = `<${type}${attributes(props)}`;
  if (VOID.has(type)) return `${open}/>`;
  return `${open}>${renderToHtml(props.children as ReactNode)}</${type}>`;
}
