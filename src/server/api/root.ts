import { createCallerFactory, createTRPCRouter } from "./trpc";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { budgetsRouter } from "./routers/budgets";
import { editingRouter } from "./routers/editing";
import { reviewRouter } from "./routers/review";
import { usersRouter } from "./routers/users";
import { workflowRouter } from "./routers/workflow";
import { templatesRouter } from "./routers/templates";

export const appRouter = createTRPCRouter({
  account: accountRouter,
  admin: adminRouter,
  users: usersRouter,
  budgets: budgetsRouter,
  editing: editingRouter,
  workflow: workflowRouter,
  templates: templatesRouter,
  review: reviewRouter,
});

export type AppRouter = typeof appRouter;

/** Server-side calls without HTTP (tests, server components): `createCaller(createContext(…))`. */
export const createCaller = createCallerFactory(appRouter);
