// Serves the production build with the app's own HTTP server (lib/server/http-server.ts: request ids,
// JSON request logs, the peer address for the login throttle), without the database set-up of
// `npm start`. Used by the end-to-end server, which prepares its own database:
//   tsx scripts/serve.ts [--port <n>] [--hostname <address>]   (port default: PORT, else 3000)
import { parseArgs } from "node:util";
import { env } from "../lib/env";
import { startHttpServer } from "../lib/server/http-server";

const { values } = parseArgs({ options: { port: { type: "string" }, hostname: { type: "string" } } });
const server = await startHttpServer({
  port: values.port ? Number(values.port) : env().PORT,
  hostname: values.hostname || undefined,
  dir: process.cwd(),
});

async function stop() {
  await server.close(2_000);
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
