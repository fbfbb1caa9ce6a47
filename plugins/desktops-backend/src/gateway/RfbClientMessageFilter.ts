import { ConnectMode } from '@internal/backstage-plugin-desktops-common';

/**
 * Client-to-server RFB message types (RFB 3.8 §7.5 and the community
 * extensions noVNC 1.7 sends).
 */
export const RfbClientMessageType = {
  SetPixelFormat: 0,
  SetEncodings: 2,
  FramebufferUpdateRequest: 3,
  KeyEvent: 4,
  PointerEvent: 5,
  ClientCutText: 6,
  EnableContinuousUpdates: 150,
  ClientFence: 248,
  Xvp: 250,
  SetDesktopSize: 251,
  Qemu: 255,
} as const;

const T = RfbClientMessageType;

/** QEMU client message sub-types. */
const QEMU_EXTENDED_KEY_EVENT = 0;
const QEMU_AUDIO = 1;
const QEMU_AUDIO_SET_FORMAT = 2;

/** Pseudo-encoding that lets PointerEvent carry a 7th byte (marker bit 0x80). */
const EXTENDED_MOUSE_BUTTONS_ENCODING = -316;

export class RfbProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RfbProtocolError';
  }
}

/** One client message seen by the filter. */
export type RfbClientMessageEvent = {
  type: number;
  /** Keyboard or pointer input (KeyEvent, PointerEvent, QEMU key event). */
  input: boolean;
  forwarded: boolean;
};

/**
 * Frames the browser's message stream so a `view` connection's input can be
 * dropped whole. Messages may be split across WebSocket frames or packed
 * several to a frame, and clipboard payloads can be megabytes: the filter
 * keeps at most one message header (≤ 20 bytes) buffered and streams payloads
 * through, or drops them, without collecting them.
 */
export class RfbClientMessageFilter {
  #mode: ConnectMode;
  readonly #onMessage?: (event: RfbClientMessageEvent) => void;
  #header = Buffer.alloc(0);
  #payloadLeft = 0;
  #payloadForwarded = false;
  /** Partial encoding while a SetEncodings payload passes; null otherwise. */
  #encodingBytes: number[] | null = null;
  #extendedMouseButtons = false;
  #failed = false;

  constructor(
    mode: ConnectMode,
    onMessage?: (event: RfbClientMessageEvent) => void,
  ) {
    this.#mode = mode;
    this.#onMessage = onMessage;
  }

  get mode(): ConnectMode {
    return this.#mode;
  }

  /**
   * Switches what passes from the next message on (the control was handed
   * over or taken back, a share was downgraded). Safe at any point of the
   * stream: whether a message passes is decided when its header is
   * complete, so a header still being collected is judged by the new mode.
   * A message whose header already passed finishes as it began, because a
   * message cut short would desynchronise the display's RFB stream; only
   * ClientCutText and SetDesktopSize have such a tail, and key and pointer
   * events have none, so no input passes after a switch to `view`.
   */
  setMode(mode: ConnectMode): void {
    this.#mode = mode;
  }

  /**
   * Feeds bytes from the browser; returns the slices to send to the display,
   * in order. Throws `RfbProtocolError` on a message it can't frame; the
   * connection must then be closed.
   */
  push(chunk: Buffer): Buffer[] {
    if (this.#failed) {
      throw new RfbProtocolError('Protocol error already reported');
    }
    const out: Buffer[] = [];
    let offset = 0;
    try {
      while (offset < chunk.length) {
        if (this.#payloadLeft > 0) {
          const n = Math.min(this.#payloadLeft, chunk.length - offset);
          const part = chunk.subarray(offset, offset + n);
          if (this.#payloadForwarded) out.push(part);
          if (this.#encodingBytes) this.#watchEncodings(part);
          this.#payloadLeft -= n;
          offset += n;
          if (this.#payloadLeft === 0) this.#encodingBytes = null;
          continue;
        }
        // The header's size can depend on bytes inside it (pointer marker
        // bit, QEMU sub-type, audio operation): take what is known to be
        // needed, then ask again.
        const need = headerLength(this.#header, this.#extendedMouseButtons);
        if (this.#header.length < need) {
          const n = Math.min(need - this.#header.length, chunk.length - offset);
          this.#header = Buffer.concat([
            this.#header,
            chunk.subarray(offset, offset + n),
          ]);
          offset += n;
          continue;
        }
        this.#completeHeader(out);
      }
      // a header completed by the last bytes of the chunk
      if (
        this.#header.length > 0 &&
        this.#header.length ===
          headerLength(this.#header, this.#extendedMouseButtons)
      ) {
        this.#completeHeader(out);
      }
    } catch (error) {
      this.#failed = true;
      throw error;
    }
    return out;
  }

  #completeHeader(out: Buffer[]) {
    const header = this.#header;
    this.#header = Buffer.alloc(0);
    const type = header[0];
    const forwarded = this.#mode === 'control' || !isControlOnly(header);
    if (forwarded) out.push(header);
    this.#payloadLeft = payloadLength(header);
    this.#payloadForwarded = forwarded;
    this.#encodingBytes =
      type === T.SetEncodings && this.#payloadLeft > 0 ? [] : null;
    if (type === T.SetEncodings) this.#extendedMouseButtons = false;
    this.#onMessage?.({ type, input: isInput(header), forwarded });
  }

  #watchEncodings(part: Buffer) {
    for (const byte of part) {
      this.#encodingBytes!.push(byte);
      if (this.#encodingBytes!.length === 4) {
        const encoding = Buffer.from(this.#encodingBytes!).readInt32BE(0);
        if (encoding === EXTENDED_MOUSE_BUTTONS_ENCODING) {
          this.#extendedMouseButtons = true;
        }
        this.#encodingBytes = [];
      }
    }
  }
}

/** Bytes of header needed, given the bytes of it seen so far. */
function headerLength(header: Buffer, extendedMouseButtons: boolean): number {
  if (header.length === 0) return 1;
  const type = header[0];
  switch (type) {
    case T.SetPixelFormat:
      return 20;
    case T.SetEncodings:
      return 4;
    case T.FramebufferUpdateRequest:
      return 10;
    case T.KeyEvent:
      return 8;
    case T.PointerEvent:
      // With ExtendedMouseButtons negotiated, a set marker bit announces a
      // 7th byte holding the higher button bits.
      if (header.length < 2) return 2;
      return extendedMouseButtons && header[1] & 0x80 ? 7 : 6;
    case T.ClientCutText:
      return 8;
    case T.EnableContinuousUpdates:
      return 10;
    case T.ClientFence:
      return 9;
    case T.Xvp:
      return 4;
    case T.SetDesktopSize:
      return 8;
    case T.Qemu: {
      if (header.length < 2) return 2;
      if (header[1] === QEMU_EXTENDED_KEY_EVENT) return 12;
      if (header[1] === QEMU_AUDIO) {
        if (header.length < 4) return 4;
        return header.readUInt16BE(2) === QEMU_AUDIO_SET_FORMAT ? 10 : 4;
      }
      throw new RfbProtocolError(`Unknown QEMU client message ${header[1]}`);
    }
    default:
      throw new RfbProtocolError(`Unknown RFB client message type ${type}`);
  }
}

/** Bytes that follow a complete header. */
function payloadLength(header: Buffer): number {
  switch (header[0]) {
    case T.SetEncodings:
      return 4 * header.readUInt16BE(2);
    case T.ClientCutText:
      // Negative lengths are the extended clipboard format (flags + data).
      return Math.abs(header.readInt32BE(4));
    case T.ClientFence:
      return header[8];
    case T.SetDesktopSize:
      return 16 * header[6];
    default:
      return 0;
  }
}

function isInput(header: Buffer): boolean {
  const type = header[0];
  return (
    type === T.KeyEvent ||
    type === T.PointerEvent ||
    (type === T.Qemu && header[1] === QEMU_EXTENDED_KEY_EVENT)
  );
}

/** Messages a `view` connection may not send. */
function isControlOnly(header: Buffer): boolean {
  switch (header[0]) {
    case T.KeyEvent:
    case T.PointerEvent:
    case T.ClientCutText:
    case T.SetDesktopSize:
    case T.Xvp:
      return true;
    case T.Qemu:
      return header[1] === QEMU_EXTENDED_KEY_EVENT;
    default:
      return false;
  }
}
