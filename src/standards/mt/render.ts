// Renders the MtMessage model back to FIN text. A parsed message renders byte-identical; built
// messages get FIN's canonical layout (CRLF, no gaps between blocks).
import { assert } from "../../lib/index.js";
import type {
  MtApplicationHeader, MtBasicHeader, MtMessage, MtTag, MtText,
} from "./model.js";
import type { MtBatch } from "./parse.js";

function renderBasicHeader(header: MtBasicHeader): string {
  if (header.raw !== undefined) return `{1:${header.raw}}`;
  return `{1:${header.applicationId}${header.serviceId}${header.logicalTerminal}` +
    `${header.sessionNumber}${header.sequenceNumber}}`;
}

function renderApplicationHeader(header: MtApplicationHeader): string {
  if (header.raw !== undefined) return `{2:${header.raw}}`;
  if (header.direction === "I") {
    return `{2:I${header.messageType}${header.receiverAddress}${header.priority ?? ""}` +
      `${header.deliveryMonitoring ?? ""}${header.obsolescencePeriod ?? ""}}`;
  }
  return `{2:O${header.messageType}${header.inputTime}${header.mirDate}${header.senderAddress}` +
    `${header.mirSessionNumber}${header.mirSequenceNumber}${header.outputDate}` +
    `${header.outputTime}${header.priority ?? ""}}`;
}

function renderTags(tags: readonly MtTag[]): string {
  let out = "";
  for (const tag of tags) out += `{${tag.tag}:${tag.value}}`;
  return out;
}

function renderText(text: MtText, lineEnding: string): string {
  if (text.kind === "tags") return `{4:${renderTags(text.tags)}}`;
  let out = "{4:";
  for (const field of text.fields) {
    assert(field.lines.length >= 1, "a field has at least one line");
    out += `${lineEnding}:${field.tag}:${field.lines.join(lineEnding)}`;
  }
  return `${out}${lineEnding}-}`;
}

/** FIN text of a message: blocks in order, with the layout it was parsed with. */
export function renderMt(message: MtMessage): string {
  const layout = message.layout;
  const blocks: string[] = [renderBasicHeader(message.basicHeader)];
  if (message.applicationHeader !== undefined) {
    blocks.push(renderApplicationHeader(message.applicationHeader));
  }
  if (message.userHeader !== undefined) blocks.push(`{3:${renderTags(message.userHeader)}}`);
  if (message.text !== undefined) blocks.push(renderText(message.text, layout.lineEnding));
  if (message.trailer !== undefined) blocks.push(`{5:${renderTags(message.trailer)}}`);
  assert(layout.afterBlocks.length === 0 || layout.afterBlocks.length === blocks.length,
    "layout gives a gap after every block or none");
  let out = layout.leading;
  for (let index = 0; index < blocks.length; index += 1) {
    out += `${blocks[index] ?? ""}${layout.afterBlocks[index] ?? ""}`;
  }
  return out;
}

/** FIN text of a batch: messages joined by their separators, as parsed. */
export function renderMtBatch(batch: MtBatch): string {
  assert(batch.separators.length === Math.max(0, batch.messages.length - 1),
    "a batch has one separator between each two messages");
  let out = "";
  for (let index = 0; index < batch.messages.length; index += 1) {
    const message = batch.messages[index];
    assert(message !== undefined, "batch messages are dense");
    out += renderMt(message) + (batch.separators[index] ?? "");
  }
  return out + batch.trailing;
}
