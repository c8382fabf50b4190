// Serves the production build in this process (what `next start` does), with one thing `next start`
// cannot do: it appends the socket's peer address to X-Forwarded-For before Next.js sees the request
// (lib/http/client-address.ts), so the login throttle knows which address it really talked to.
// Used by `npm start` (scripts/start.ts) and the end-to-end server; PORT and HOSTNAME as `next start`.
import { createServer } from "node:http";
import next from "next";
import { stampPeerAddress } from "../lib/http/client-address";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOSTNAME || undefined;

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
