import "server-only";
import type { NextAuthOptions } from "next-auth";
import { getServerSession } from "next-auth";
import { cache } from "react";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db";
import { resolveSessionUser, SESSION_MAX_AGE_SECONDS, type SessionUser } from "./session";
import { signInWithPassword, type SignInResult } from "./sign-in";
import { LOCKED_ERROR, UNAVAILABLE_ERROR } from "@/lib/auth/sign-in-messages";
import { noteRequestUser } from "../observability/request-context";

/**
 * The client's address for throttling. The last X-Forwarded-For entry is the one added by the
 * nearest proxy (or by Next itself when there is none), so a client cannot choose it by sending
 * its own header through a proxy that appends.
 */
export function clientAddress(headers: Record<string, unknown> | Headers | undefined): string {
  const get = (name: string): string | undefined => {
    if (!headers) return undefined;
    const v = headers instanceof Headers ? headers.get(name) : headers[name];
    return typeof v === "string" ? v : Array.isArray(v) ? String(v[v.length - 1]) : undefined;
  };
  const forwarded = get("x-forwarded-for")?.split(",").map((p) => p.trim()).filter(Boolean);
  return forwarded?.[forwarded.length - 1] ?? get("x-real-ip") ?? "unknown";
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
        return { id: String(u.id), name: u.displayName, role: u.role, organisationId: u.organisationId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = Number(user.id);
        token.role = user.role;
        token.organisationId = user.organisationId;
        token.authAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.uid, name: token.name ?? "", role: token.role, organisationId: token.organisationId };
      session.authAt = token.authAt;
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
  if (!session?.user || typeof session.user.id !== "number" || typeof session.authAt !== "number") return null;
  const user = await resolveSessionUser(await getDb(), { userId: session.user.id, authAt: session.authAt });
  if (user) noteRequestUser(user.id);
  return user;
});
