/**
 * Limits shared by the browser and the server. A batched tRPC request runs every call in it: the
 * server refuses more than this many (400), and the client's batch link never sends more.
 */
export const TRPC_MAX_BATCH_SIZE = 10;
