/** Builders of RFB client-to-server messages, for tests. */

function u16(n: number) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function u32(n: number) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function s32(n: number) {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
}

export const KEYSYM_RETURN = 0xff0d;

export const rfbMessages = {
  setPixelFormat(): Buffer {
    // 32 bpp, depth 24, little endian, true colour, RGB shifts 16/8/0
    return Buffer.concat([
      Buffer.from([0, 0, 0, 0]),
      Buffer.from([32, 24, 0, 1]),
      u16(255),
      u16(255),
      u16(255),
      Buffer.from([16, 8, 0, 0, 0, 0]),
    ]);
  },
  setEncodings(encodings: number[]): Buffer {
    return Buffer.concat([
      Buffer.from([2, 0]),
      u16(encodings.length),
      ...encodings.map(s32),
    ]);
  },
  framebufferUpdateRequest(
    incremental: boolean,
    x: number,
    y: number,
    w: number,
    h: number,
  ): Buffer {
    return Buffer.concat([
      Buffer.from([3, incremental ? 1 : 0]),
      u16(x),
      u16(y),
      u16(w),
      u16(h),
    ]);
  },
  keyEvent(down: boolean, keysym: number): Buffer {
    return Buffer.concat([Buffer.from([4, down ? 1 : 0, 0, 0]), u32(keysym)]);
  },
  pointerEvent(mask: number, x: number, y: number): Buffer {
    return Buffer.concat([Buffer.from([5, mask & 0xff]), u16(x), u16(y)]);
  },
  /** With ExtendedMouseButtons (-316): marker bit set, 7 bytes. */
  extendedPointerEvent(mask: number, x: number, y: number): Buffer {
    return Buffer.concat([
      Buffer.from([5, (mask & 0x7f) | 0x80]),
      u16(x),
      u16(y),
      Buffer.from([(mask >> 7) & 0xff]),
    ]);
  },
  clientCutText(text: string): Buffer {
    const data = Buffer.from(text, 'latin1');
    return Buffer.concat([Buffer.from([6, 0, 0, 0]), u32(data.length), data]);
  },
  /** Extended clipboard: negative length, flags then payload. */
  extendedClientCutText(flags: number, payload: Buffer): Buffer {
    return Buffer.concat([
      Buffer.from([6, 0, 0, 0]),
      s32(-(4 + payload.length)),
      u32(flags),
      payload,
    ]);
  },
  enableContinuousUpdates(enable: boolean, w: number, h: number): Buffer {
    return Buffer.concat([
      Buffer.from([150, enable ? 1 : 0]),
      u16(0),
      u16(0),
      u16(w),
      u16(h),
    ]);
  },
  clientFence(flags: number, payload: Buffer): Buffer {
    return Buffer.concat([
      Buffer.from([248, 0, 0, 0]),
      u32(flags),
      Buffer.from([payload.length]),
      payload,
    ]);
  },
  xvp(code: number): Buffer {
    return Buffer.from([250, 0, 1, code]);
  },
  setDesktopSize(w: number, h: number): Buffer {
    const screen = Buffer.concat([
      u32(0),
      u16(0),
      u16(0),
      u16(w),
      u16(h),
      u32(0),
    ]);
    return Buffer.concat([
      Buffer.from([251, 0]),
      u16(w),
      u16(h),
      Buffer.from([1, 0]),
      screen,
    ]);
  },
  qemuKeyEvent(down: boolean, keysym: number, keycode: number): Buffer {
    return Buffer.concat([
      Buffer.from([255, 0]),
      u16(down ? 1 : 0),
      u32(keysym),
      u32(keycode),
    ]);
  },
  qemuAudio(operation: number): Buffer {
    const head = Buffer.concat([Buffer.from([255, 1]), u16(operation)]);
    return operation === 2
      ? Buffer.concat([head, Buffer.from([3, 2]), u32(44100)])
      : head;
  },
};

/** KeyEvent press+release for every character (Latin-1 keysyms equal the code). */
export function typeText(text: string): Buffer {
  const events: Buffer[] = [];
  for (const ch of text) {
    const keysym = ch === '\n' ? KEYSYM_RETURN : ch.charCodeAt(0);
    events.push(
      rfbMessages.keyEvent(true, keysym),
      rfbMessages.keyEvent(false, keysym),
    );
  }
  return Buffer.concat(events);
}
