// The SWIFT MT (FIN) message model shared by the parser, validator, renderer and the MT<->MX
// translator. Stable: fields are only ever added. A parsed message renders back byte-identical.

/** Line separator of the text block: FIN uses CRLF; back-office files often use LF. */
export type MtLineEnding = "\r\n" | "\n";

/** Block 1, e.g. `{1:F01BANKBEBBAXXX2222123456}`. */
export interface MtBasicHeader {
  /** `F` FIN, `A` GPA, `L` login/abort. */
  readonly applicationId: string;
  /** `01` user-to-user or system message, `21` ACK/NAK, others for session control. */
  readonly serviceId: string;
  /** 12 characters: BIC8 + LT code + 3-character branch (`XXX` if none). */
  readonly logicalTerminal: string;
  /** 4 digits. */
  readonly sessionNumber: string;
  /** 6 digits: ISN for input, OSN for output. */
  readonly sequenceNumber: string;
  /**
   * The block's content as submitted, present only when it does not have FIN's layout (FIN
   * NAKs it with H01-H20). The other fields are then empty strings; rendering uses `raw`.
   */
  readonly raw?: string;
}

/** Block 2 of a message sent to the network, e.g. `{2:I103BANKDEFFXXXXU3003}`. */
export interface MtInputApplicationHeader {
  readonly direction: "I";
  /** 3 digits, e.g. "103". */
  readonly messageType: string;
  /** 12-character destination logical terminal address. */
  readonly receiverAddress: string;
  /** `U`, `N` or `S`; absent when block 2 stops after the address. */
  readonly priority?: string;
  /** `1` non-delivery warning, `2` delivery notification, `3` both. */
  readonly deliveryMonitoring?: string;
  /** 3 digits, in units of 5 minutes. */
  readonly obsolescencePeriod?: string;
  /** The block's content as submitted when it does not have FIN's layout (NAK H25/H26). */
  readonly raw?: string;
}

/** Block 2 of a message delivered by the network, carrying the sender's MIR. */
export interface MtOutputApplicationHeader {
  readonly direction: "O";
  readonly messageType: string;
  /** HHMM the sender input the message. */
  readonly inputTime: string;
  /** Message input reference: YYMMDD + sender LT (12) + session (4) + ISN (6). */
  readonly mirDate: string;
  readonly senderAddress: string;
  readonly mirSessionNumber: string;
  readonly mirSequenceNumber: string;
  /** YYMMDD and HHMM of output to the receiver. */
  readonly outputDate: string;
  readonly outputTime: string;
  readonly priority?: string;
  /** The block's content as submitted when it does not have FIN's layout (NAK H25). */
  readonly raw?: string;
}

export type MtApplicationHeader = MtInputApplicationHeader | MtOutputApplicationHeader;

/** A `{tag:value}` of block 3, block 5, or a system/service text block such as `{451:0}`. */
export interface MtTag {
  readonly tag: string;
  readonly value: string;
}

/** One field of the text block, e.g. `:32A:250615EUR123456,78`. */
export interface MtField {
  /** Tag with its option letter, e.g. "20", "32A", "50K", "59". */
  readonly tag: string;
  /** The field's lines, without line separators (at least one, possibly empty). */
  readonly lines: readonly string[];
  /** 1-based line of the tag in the parsed text; 0 for fields built in code. */
  readonly line: number;
}

/** Block 4 of a user message: CRLF, fields, CRLF `-}`. */
export interface MtFieldsText {
  readonly kind: "fields";
  readonly fields: readonly MtField[];
}

/** Block 4 of a system or service message: `{177:...}{451:0}` style tags. */
export interface MtTagsText {
  readonly kind: "tags";
  readonly tags: readonly MtTag[];
}

export type MtText = MtFieldsText | MtTagsText;

/**
 * How the message was laid out, so rendering reproduces the input exactly. Builders fill it with
 * FIN's canonical layout: CRLF, nothing between blocks.
 */
export interface MtLayout {
  readonly lineEnding: MtLineEnding;
  /** Whitespace before block 1. */
  readonly leading: string;
  /** Whitespace after each block, one entry per block present, in order. */
  readonly afterBlocks: readonly string[];
  /** 1-based line of block 1's `{` in the submitted text (several messages may share a file). */
  readonly firstLine: number;
}

/** A FIN message: blocks 1 to 5 (only block 1 is always present). */
export interface MtMessage {
  readonly basicHeader: MtBasicHeader;
  readonly applicationHeader?: MtApplicationHeader;
  /** Block 3 tags in order (103, 108, 111, 113, 119, 121, 433, 434 ...). */
  readonly userHeader?: readonly MtTag[];
  readonly text?: MtText;
  /** Block 5 trailers in order (CHK, MAC, PDE, PDM, DLM, MRF, TNG, SYS). */
  readonly trailer?: readonly MtTag[];
  readonly layout: MtLayout;
}
