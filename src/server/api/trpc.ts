/**
 * tRPC in three sections: the context (database, checked session user), the initialisation
 * (transformer, error shape), and the procedures every router builds on.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ZodError } from "zod";
import type { DbOrTx } from "../db/client";
import type { SessionUser } from "../auth/session";
import { AppError } from "../services/errors";
import { forbiddenMessage, hasPermission, type Permission } from "@/lib/auth/permissions";

// ---------------------------------------------------------------------------
// 1. Context
// ---------------------------------------------------------------------------

/** What a publication changes on the public site. */
export interface PublishedTarget {
  year: number;
  unitCode: string;
  departmentCode: string;
}

export interface Context {
  db: DbOrTx;
  /** null without a (valid) session. Already checked against the database: enabled, not stale, not expired. */
  user: SessionUser | null;
  /** Drop cached public pages after a publication; a no-op outside a Next request (tests). */
  revalidatePublic: (target: PublishedTarget) => void;
}

export function createContext(init: { db: DbOrTx; user: SessionUser | null; revalidatePublic?: Context["revalidatePublic"] }): Context {
  return { db: init.db, user: init.user, revalidatePublic: init.revalidatePublic ?? (() => undefined) };
}

// ---------------------------------------------------------------------------
// 2. Initialisation
// ---------------------------------------------------------------------------

const INTERNAL_MESSAGE = "服务器内部错误，请稍后再试";

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // Internal errors may quote SQL and its parameters: never send them to the browser.
      message: error.code === "INTERNAL_SERVER_ERROR" ? INTERNAL_MESSAGE : shape.message,
      data: {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: shape.data.path,
        details: cause instanceof AppError ? cause.details : undefined,
        fieldErrors: cause instanceof ZodError ? cause.issues.map((i) => ({ path: i.path.join("."), message: i.message })) : undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

// ---------------------------------------------------------------------------
// 3. Procedures
// ---------------------------------------------------------------------------

/** PostgreSQL's SQLSTATE behind a (possibly wrapped) driver error. */
function sqlState(error: unknown): string | undefined {
  let e = error as { code?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/**
 * The one place where the services' errors become transport errors: AppError keeps its code and
 * Chinese message; a refused input says what is wrong in Chinese; a constraint the database
 * enforced (e.g. a concurrent duplicate) is a CONFLICT or BAD_REQUEST, not a crash.
 */
function toTRPCError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof AppError) return new TRPCError({ code: cause.code, message: cause.message, cause });
  if (cause instanceof ZodError) {
    return new TRPCError({ code: "BAD_REQUEST", message: `输入有误：${cause.issues.map((i) => i.message).join("；")}`, cause });
  }
  switch (sqlState(cause)) {
    case "23505":
    case "40001":
    case "40P01":
      return new TRPCError({ code: "CONFLICT", message: "数据已被他人修改或已存在，请刷新后再试", cause: error });
    case "23503":
    case "23514":
    case "22003":
      return new TRPCError({ code: "BAD_REQUEST", message: "数据不符合规则（编码、金额或关联不正确），未保存", cause: error });
    // Text the edge should already have refused (NUL, unpaired surrogates, over-long): still a 400, never a 500.
    case "22021":
    case "22P05":
    case "22P02":
    case "22001":
      return new TRPCError({ code: "BAD_REQUEST", message: "输入含有无法保存的字符（如空字符）或过长，未保存", cause: error });
  }
  return error;
}

const mapErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const mapped = toTRPCError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** Signed in; narrows `ctx.user` once, so procedures never need a non-null assertion. */
export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "请先登录" });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** Signed in and holding `permission`; otherwise FORBIDDEN with a message that names what was refused. */
export function permissionProcedure(permission: Permission) {
  return protectedProcedure.use(({ ctx, next }) => {
    if (!hasPermission(ctx.user.role, permission)) throw new TRPCError({ code: "FORBIDDEN", message: forbiddenMessage(permission) });
    return next();
  });
}
