// `corridor send` and `corridor inbox`: a participant's CLI, built on the SDK (corridor/client).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Command } from "commander";
import { CorridorError, createCorridorClient } from "../../client/index.js";
import type { Answer, CorridorClient, InboxMessage } from "../../client/index.js";
import { inboxPageSizeMax, inboxWaitSecondsMax } from "../../limits.js";
import { exitNegative, failUsage, printJsonLine } from "./exit.js";
import { isRequestFailure, isSystemError, reasonOf } from "./failures.js";
import { hubUrlFrom, readKeyFile } from "./hub-options.js";

interface ParticipantOptions { as: string; key: string; hub?: string }

function clientFor(options: ParticipantOptions): CorridorClient {
  return createCorridorClient({ hubUrl: hubUrlFrom(options.hub), bic: options.as,
    privateKeyPem: readKeyFile(options.key) });
}

async function sendFile(client: CorridorClient, file: string): Promise<boolean> {
  let payload: Buffer;
  try {
    payload = readFileSync(file);
  } catch (error) {
    if (!isSystemError(error)) throw error;
    printJsonLine({ file, status: "NAK", code: "file-unreadable",
      reason: `Cannot read "${file}": ${reasonOf(error)}` });
    return false;
  }
  let answer: Answer;
  try {
    answer = await client.submit(payload);
  } catch (error) {
    const failure = submitFailureOf(error);
    printJsonLine({ file, status: "NAK", ...failure });
    return false;
  }
  if (answer.status === "ACK") {
    printJsonLine({ file, status: "ACK", id: answer.id, isn: answer.isn, uetr: answer.uetr,
      disposition: answer.disposition });
    return true;
  }
  printJsonLine({ file, status: "NAK", code: answer.code, location: answer.location,
    line: answer.line ?? null, reason: answer.reason });
  return false;
}

/**
 * The NAK line of a submission the hub did not answer with ACK or NAK: the hub refused the request
 * (its error code), never answered, or answered something that is not JSON. A bug rethrows.
 */
function submitFailureOf(error: unknown): { code: string; reason: string } {
  if (error instanceof CorridorError) return { code: error.code, reason: error.message };
  if (isRequestFailure(error)) {
    return { code: "hub-unreachable", reason: `Cannot reach the hub: ${reasonOf(error)}` };
  }
  if (error instanceof SyntaxError) {
    return { code: "hub-answer-invalid", reason: "Cannot read the hub's answer: not JSON" };
  }
  throw error;
}

function extension(message: InboxMessage): string {
  return message.format === "MT" ? "fin" : message.format === "MX" ? "xml" : "json";
}

export function registerParticipantClientCommands(program: Command): void {
  program.command("send")
    .description("Submit MT or MX files to the hub as a participant; one JSON line per file " +
      "with the ACK (id, ISN, UETR) or the NAK (code, location, reason); exit 1 if any NAK")
    .requiredOption("--as <bic>", "your participant BIC (the key id)")
    .requiredOption("--key <file>", "your Ed25519 private key (corridor keygen)")
    .option("--hub <url>", "hub URL (default $CORRIDOR_HUB or http://127.0.0.1:8080)")
    .argument("<files...>", "message files, each one MT or MX message")
    .action(async (files: string[], options: ParticipantOptions) => {
      const client = clientFor(options);
      let allAcked = true;
      for (const file of files) allAcked = (await sendFile(client, file)) && allAcked;
      if (!allAcked) process.exitCode = exitNegative;
    });

  program.command("inbox")
    .description("Read your inbox in OSN order; one JSON line per message " +
      "{osn,id,sender,type,format,uetr,payload}; --ack acknowledges what was printed")
    .requiredOption("--as <bic>", "your participant BIC (the key id)")
    .requiredOption("--key <file>", "your Ed25519 private key")
    .option("--hub <url>", "hub URL (default $CORRIDOR_HUB or http://127.0.0.1:8080)")
    .option("--wait <seconds>",
      `wait up to this long for a first message (max ${inboxWaitSecondsMax})`, "0")
    .option("--ack", "acknowledge every printed message (they are not delivered again)", false)
    .option("--out <dir>", "also write each payload to DIR/<osn>-<id>.<fin|xml|json>")
    .action(async (options: ParticipantOptions & { wait: string; ack: boolean; out?: string }) => {
      const wait = Number(options.wait);
      if (!Number.isInteger(wait) || wait < 0 || wait > inboxWaitSecondsMax) {
        failUsage(`Cannot wait "${options.wait}" seconds: give 0 to ${inboxWaitSecondsMax}`);
      }
      const client = clientFor(options);
      if (options.out !== undefined) mkdirSync(options.out, { recursive: true });
      let waitSeconds = wait;
      for (;;) {
        const page = await client.inbox({ limit: inboxPageSizeMax, waitSeconds });
        waitSeconds = 0;
        for (const message of page) {
          if (options.out !== undefined) {
            writeFileSync(join(options.out, basename(`${message.osn}-${message.id}.` +
              extension(message))), message.payload);
          }
          printJsonLine({ osn: message.osn, id: message.id, sender: message.sender,
            type: message.type, format: message.format, uetr: message.uetr,
            possibleDuplicate: message.possibleDuplicate, payload: message.payload });
        }
        if (options.ack && page.length > 0) await client.ack(client.lastOsn());
        if (page.length < inboxPageSizeMax) break;
      }
    });
}
