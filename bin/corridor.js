#!/usr/bin/env node
// The `corridor` command: runs the compiled CLI (npm install builds it through `prepare`).
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "dist", "main", "cli.js");
if (!existsSync(entry)) {
  process.stderr.write("Cannot start corridor: dist/ is missing; run `npm run build` first\n");
  process.exit(2);
}
await import(pathToFileURL(entry).href);
