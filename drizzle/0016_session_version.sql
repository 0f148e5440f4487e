-- Sessions revocable on the server: every session carries the user's session version from its sign-in;
-- signing out, a password change, disabling and re-enabling move it on, which ends every older session.
ALTER TABLE "users" ADD COLUMN "session_version" integer DEFAULT 0 NOT NULL;
