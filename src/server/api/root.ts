import { createCallerFactory, createTRPCRouter } from "./trpc";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { budgetsRouter } from "./routers/budgets";
import { editingRouter } from "./routers/editing";
import { usersRouter } from "./routers/users";
import { workflowRouter } from "./routers/workflow";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  admin: adminRouter,
  users: usersRouter,
  budgets: budgetsRouter,
  editing: editingRouter,
  workflow: workflowRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (tests, server components): `createCaller(createContext(…))`. */
export const createCaller = createCallerFactory(appRouter);
