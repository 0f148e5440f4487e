import type { Role } from "@/lib/auth/permissions";

declare module "next-auth" {
  interface User {
    role: Role;
    organisationId: number;
    sessionVersion: number;
  }
  interface Session {
    user: { id: number; name: string; role: Role; organisationId: number };
    /** Sign-in time in ms; the server compares it with the user's password change. */
    authAt: number;
    /** The user's session version at sign-in (users.session_version). */
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid: number;
    role: Role;
    organisationId: number;
    authAt: number;
    sv: number;
  }
}
