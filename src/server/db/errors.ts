/** A database that cannot be used as it is: the message says, in Chinese and English, what to do. */
export class DatabaseSetupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseSetupError";
  }
}

export function describeServerUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || "5432"}${u.pathname}`;
  } catch {
    return "(无法解析的 DATABASE_URL / unparsable DATABASE_URL)";
  }
}
