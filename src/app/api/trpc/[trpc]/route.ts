import { handleTrpcRequest } from "@/server/api/http";
import { createRequestContext } from "@/server/api/request-context";

function handler(req: Request) {
  return handleTrpcRequest(req, createRequestContext);
}

export { handler as GET, handler as POST };
