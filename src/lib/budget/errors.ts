/**
 * The budget domain's one error type. `message` is written for the person who entered the data
 * (Chinese); `code` is stable for programs (the API layer maps it once to a transport error).
 */
export type BudgetErrorCode =
  | "MONEY_MALFORMED"
  | "MONEY_TOO_PRECISE"
  | "MONEY_NEGATIVE"
  | "CONSOLIDATION_EMPTY"
  | "CONSOLIDATION_MISMATCH";

export class BudgetDomainError extends Error {
  readonly code: BudgetErrorCode;
  /** Extra context for logs and for pointing at the offending field. */
  readonly details: Readonly<Record<string, string>>;

  constructor(code: BudgetErrorCode, message: string, details: Record<string, string> = {}) {
    super(message);
    this.name = "BudgetDomainError";
    this.code = code;
    this.details = details;
  }
}

export function isBudgetDomainError(e: unknown): e is BudgetDomainError {
  return e instanceof BudgetDomainError;
}
