// `corridor keygen --out NAME`: an Ed25519 key pair, NAME.key (PKCS#8 PEM, mode 0600) and NAME.pub.
import { generateKeyPairSync } from "node:crypto";
import { chmodSync, existsSync, writeFileSync } from "node:fs";
import type { Command } from "commander";
import { failUsage, printJsonLine } from "./exit.js";

export function registerKeygenCommands(program: Command): void {
  program.command("keygen")
    .description("Create an Ed25519 key pair for a participant: NAME.key (private, mode 0600) " +
      "and NAME.pub (give this one to the operator)")
    .requiredOption("--out <name>", "path prefix of the key files, e.g. ./bank-a")
    .option("--force", "overwrite existing key files", false)
    .action((options: { out: string; force: boolean }) => {
      const keyPath = `${options.out}.key`;
      const pubPath = `${options.out}.pub`;
      if (!options.force && (existsSync(keyPath) || existsSync(pubPath))) {
        failUsage(`Cannot create keys: "${keyPath}" or "${pubPath}" exists (use --force)`);
      }
      const { privateKey, publicKey } = generateKeyPairSync("ed25519");
      writeFileSync(keyPath, privateKey.export({ type: "pkcs8", format: "pem" }),
        { mode: 0o600 });
      chmodSync(keyPath, 0o600);
      writeFileSync(pubPath, publicKey.export({ type: "spki", format: "pem" }), { mode: 0o644 });
      printJsonLine({ privateKey: keyPath, publicKey: pubPath });
    });
}
