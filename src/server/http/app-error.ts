import { AppError } from "../services/errors";

const HTTP_STATUS = { UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409, BAD_REQUEST: 400 } as const;

/** A service refusal as a JSON answer of a route handler; anything else is rethrown (500). */
export function appErrorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json({ error: { code: error.code, message: error.message, details: error.details ?? null } }, { status: HTTP_STATUS[error.code] });
  }
  throw error;
}

export function unauthorized(): Response {
  return Response.json({ error: { code: "UNAUTHORIZED", message: "请先登录", details: null } }, { status: 401 });
}
