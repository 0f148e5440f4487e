/**
 * Requests refused before they reach Next: a path whose percent-encoding is malformed (`%ZZ`, a
 * lone `%`, bytes that are not UTF-8 such as an encoded unpaired surrogate) or that decodes to a
 * control character (NUL). Next would answer these with a 500; they are the client's mistake: 400.
 */
export function pathProblem(url: string | undefined): string | null {
  const raw = url ?? "/";
  const q = raw.indexOf("?");
  const path = q >= 0 ? raw.slice(0, q) : raw;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return "请求的地址无效：百分号编码有误";
  }
  if (/[\u0000-\u001f\u007f]/.test(decoded)) return "请求的地址无效：含有控制字符";
  if (q >= 0) {
    // The query string too: Next decodes it for the pages and handlers.
    for (const part of raw.slice(q + 1).split("&")) {
      try {
        if (/[\u0000]/.test(decodeURIComponent(part.replace(/\+/g, " ")))) return "请求的地址无效：含有空字符";
      } catch {
        return "请求的地址无效：百分号编码有误";
      }
    }
  }
  return null;
}
