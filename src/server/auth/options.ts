import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import type { DbOrTx } from "../db/client";
import { resolveSessionUser, SESSION_MAX_AGE_SECONDS, type SessionUser } from "./session";
import { endUserSessions } from "../queries/sessions";
import { signInWithPassword, type SignInResult } from "./sign-in";
import { CLIENT_ADDRESS_HEADER } from "../http/client-address";
import { safeRedirect } from "@/lib/auth/callback-url";
import { LOCKED_ERROR, UNAVAILABLE_ERROR } from "@/lib/auth/sign-in-messages";
import { noteRequestUser } from "../observability/request-context";

/**
 * The client's address for throttling, as the production server resolved it from the socket and
 * the trusted proxies (TRUST_PROXY; src/server/http/client-address.ts). A client-sent
 * X-Forwarded-For is never read here. Without that server (next dev), every client counts as one.
 */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const v = !headers ? undefined : headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers[CLIENT_ADDRESS_HEADER];
  const value = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof value === "string" && value ? value : "unknown";
}

/** Sign-out: end the sessions of the signed-out token's user (all of them: one version per user). */
export async function endSignedOutSession(db: DbOrTx, token: { uid?: unknown; sv?: unknown } | null | undefined) {
  if (typeof token?.uid !== "number" || typeof token.sv !== "number") return;
  await endUserSessions(db, token.uid, token.sv);
}

export const authOptions: NextAuthOptions = {
  secret: process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", signOut: "/logout", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "用户名和密码",
      credentials: {
        username: { label: "用户名", type: "text" },
        password: { label: "密码", type: "password" },
      },
      async authorize(credentials, req) {
        if (!credentials?.username || !credentials.password) return null;
        let result: SignInResult;
        try {
          result = await signInWithPassword(await getDb(), {
            username: credentials.username,
            password: credentials.password,
            address: clientAddress(req?.headers),
          });
        } catch (error) {
          // next-auth puts a thrown message into the redirect URL: say only that sign-in is unavailable.
          console.error(`sign-in unavailable: ${(error as Error).name}`);
          throw new Error(UNAVAILABLE_ERROR);
        }
        if (!result.ok) {
          // next-auth hands a thrown message to the sign-in page as ?error=…; null means CredentialsSignin.
          if (result.reason === "locked") throw new Error(LOCKED_ERROR);
          return null;
        }
        const u = result.user;
        return { id: String(u.id), name: u.displayName, role: u.role, organisationId: u.organisationId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  events: {
    /** Signing out ends the session on the server too: a copied cookie stops working. */
    async signOut({ token }) {
      try {
        await endSignedOutSession(await getDb(), token);
      } catch (error) {
        console.error(`sign-out could not end the session: ${(error as Error).name}`);
      }
    },
  },
  callbacks: {
    redirect({ url, baseUrl }) {
      return safeRedirect(url, baseUrl);
    },
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.organisationId = user.organisationId;
        token.authAt = Date.now();
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid, name: token.name ?? "", role: token.role, organisationId: token.organisationId };
      session.authAt = token.authAt;
      session.sessionVersion = token.sv;
      return session;
    },
  },
};

/**
 * The signed-in user of the current request, checked against the database (disabled accounts,
 * sessions older than the last password change or than the absolute lifetime), or null. Once per
 * request: the layout and the page both ask.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.user || typeof session.user.id !== "number" || typeof session.authAt !== "number" || typeof session.sessionVersion !== "number") {
    return null;
  }
  const user = await resolveSessionUser(await getDb(), { userId: session.user.id, authAt: session.authAt, sessionVersion: session.sessionVersion });
  if (user) noteRequestUser(user.id);
  return user;
});
