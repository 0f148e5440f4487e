/**
 * The one error type of the services. `message` is for the person using the screen (Chinese);
 * `code` says what kind of refusal it is and is mapped once, in the tRPC layer, to a transport code.
 */
import { forbiddenMessage, hasPermission, type Permission, type Role } from "@/lib/auth/permissions";

export type AppErrorCode = "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT" | "BAD_REQUEST";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Machine-readable detail for the client, e.g. the blocking checks of a submission. */
  readonly details: unknown;

  constructor(code: AppErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what = "预算") => new AppError("NOT_FOUND", `${what}不存在或不在您的权限范围内`);

/** The procedures check this first; the services check again, so they are safe to call from anywhere. */
export function assertPermission(actor: { role: Role }, permission: Permission): void {
  if (!hasPermission(actor.role, permission)) throw new AppError("FORBIDDEN", forbiddenMessage(permission));
}
