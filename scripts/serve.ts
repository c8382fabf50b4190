// Serves the production build in this process (what `next start` does), with one thing `next start`
// cannot do: it appends the socket's peer address to X-Forwarded-For before Next.js sees the request
// (lib/http/client-address.ts), so the login throttle knows which address it really talked to.
// Used by `npm start` (scripts/start.ts) and the end-to-end server:
//   tsx scripts/serve.ts [--port <n>] [--hostname <address>]   (port default: PORT, else 3000)
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { env } from "../lib/env";
import { stampPeerAddress } from "../lib/http/client-address";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const port = values.port ? Number(values.port) : env().PORT;
const hostname = values.hostname || undefined;

const app = next({ dev: false, dir: process.cwd(), hostname, port });
await app.prepare();
const handle = app.getRequestHandler();

const server = createServer((request, response) => {
  stampPeerAddress(request);
  void handle(request, response);
});
server.listen(port, hostname, () => console.log(`▲ Next.js (production) http://${hostname ?? "localhost"}:${port}`));

function stop() {
  server.close(() => process.exit(0));
  // Keep-alive connections would hold close() open; they carry no work worth waiting for.
  server.closeAllConnections();
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
