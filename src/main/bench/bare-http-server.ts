// The bare HTTP baseline for the benchmarks: a Node server whose POST endpoint reads the body
// and answers a small JSON document, doing nothing else. Run as a child process.
import { createServer } from "node:http";

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    response.writeHead(201, { "content-type": "application/json" });
    response.end(`{"status":"ACK","bytes":${Buffer.concat(chunks).length}}`);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address !== null
    ? address.port : 0 })}\n`);
});
