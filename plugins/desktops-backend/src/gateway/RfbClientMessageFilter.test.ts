import { rfbMessages as m } from '../testUtils/rfbMessages';
import {
  RfbClientMessageEvent,
  RfbClientMessageFilter,
  RfbProtocolError,
} from './RfbClientMessageFilter';

const viewAllowed = [
  m.setPixelFormat(),
  m.setEncodings([7, 16, 0, -223, -308, -312, -313]),
  m.framebufferUpdateRequest(false, 0, 0, 1280, 800),
  m.enableContinuousUpdates(true, 1280, 800),
  m.clientFence(0x80000001, Buffer.from('fence')),
  m.qemuAudio(0),
  m.qemuAudio(2),
];

const controlOnly = [
  m.keyEvent(true, 0x61),
  m.pointerEvent(1, 10, 20),
  m.clientCutText('hello'),
  m.extendedClientCutText(0x01000000 | 1, Buffer.from('x'.repeat(300))),
  m.setDesktopSize(1024, 768),
  m.xvp(2),
  m.qemuKeyEvent(true, 0x61, 30),
];

/** Interleaves allowed and control-only messages. */
const mixed: Buffer[] = viewAllowed.flatMap((msg, i) => [msg, controlOnly[i]]);
const stream = Buffer.concat(mixed);

function run(mode: 'view' | 'control', chunks: Buffer[]) {
  const events: RfbClientMessageEvent[] = [];
  const filter = new RfbClientMessageFilter(mode, e => events.push(e));
  const out = Buffer.concat(chunks.flatMap(chunk => filter.push(chunk)));
  return { out, events };
}

function splitEvery(buffer: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size)
    parts.push(buffer.subarray(i, i + size));
  return parts;
}

describe('RfbClientMessageFilter', () => {
  it('forwards every message of a control connection unchanged, in one frame', () => {
    const { out, events } = run('control', [stream]);
    expect(out.equals(stream)).toBe(true);
    expect(events.map(e => e.type)).toEqual(mixed.map(msg => msg[0]));
    expect(events.filter(e => e.input).map(e => e.type)).toEqual([4, 5, 255]);
    expect(events.every(e => e.forwarded)).toBe(true);
  });

  it('drops input, clipboard, resize and power messages of a view connection', () => {
    const { out, events } = run('view', [stream]);
    expect(out.equals(Buffer.concat(viewAllowed))).toBe(true);
    expect(events.filter(e => !e.forwarded).map(e => e.type)).toEqual([
      4, 5, 6, 6, 251, 250, 255,
    ]);
  });

  it.each([1, 2, 3, 5, 7, 13, 64])(
    'gives the same result when messages are split across frames every %p bytes',
    size => {
      for (const mode of ['view', 'control'] as const) {
        const whole = run(mode, [stream]);
        const split = run(mode, splitEvery(stream, size));
        expect(split.out.equals(whole.out)).toBe(true);
        expect(split.events).toEqual(whole.events);
      }
    },
  );

  it('frames at every possible split point of one frame into two', () => {
    const expected = Buffer.concat(viewAllowed);
    for (let cut = 1; cut < stream.length; cut++) {
      const { out } = run('view', [
        stream.subarray(0, cut),
        stream.subarray(cut),
      ]);
      expect(out.equals(expected)).toBe(true);
    }
  });

  it('reads 7-byte pointer events only after ExtendedMouseButtons was announced', () => {
    const announce = m.setEncodings([0, -316]);
    const input = Buffer.concat([
      announce,
      m.extendedPointerEvent(0x100, 5, 5),
      m.keyEvent(true, 0x62),
      m.pointerEvent(0, 5, 5),
    ]);
    for (const size of [1, 3, input.length]) {
      const { out, events } = run('view', splitEvery(input, size));
      expect(out.equals(announce)).toBe(true);
      expect(events.map(e => e.type)).toEqual([2, 5, 4, 5]);
    }
    // without the announcement a set high bit is just button 8 in 6 bytes
    const plain = Buffer.concat([
      m.setEncodings([0]),
      m.pointerEvent(0x80, 1, 1),
      m.keyEvent(true, 1),
    ]);
    expect(run('control', [plain]).events.map(e => e.type)).toEqual([2, 5, 4]);
  });

  it('closes on unknown message types, including unknown QEMU sub-messages', () => {
    for (const bad of [
      Buffer.from([7, 0, 0, 0]),
      Buffer.from([255, 9, 0, 0]),
    ]) {
      const filter = new RfbClientMessageFilter('control');
      expect(() =>
        filter.push(Buffer.concat([m.keyEvent(true, 1), bad])),
      ).toThrow(RfbProtocolError);
      expect(() => filter.push(m.keyEvent(true, 1))).toThrow(RfbProtocolError);
    }
    expect(() =>
      new RfbClientMessageFilter('view').push(Buffer.from([99])),
    ).toThrow('Unknown RFB client message type 99');
  });

  it('streams large clipboard payloads through without buffering them', () => {
    const big = m.extendedClientCutText(
      0x10000000,
      Buffer.alloc(3 * 1024 * 1024, 7),
    );
    const filter = new RfbClientMessageFilter('control');
    const slices = splitEvery(big, 65536).flatMap(chunk => filter.push(chunk));
    // payload slices are views of the input chunks, not copies
    expect(slices.length).toBeGreaterThan(40);
    expect(Buffer.concat(slices).equals(big)).toBe(true);
  });
  it('switches mode mid-stream at a message boundary, at every split point', () => {
    const key = m.keyEvent(true, 0x61);
    const cut = m.clientCutText('pasted while in control');
    const request = m.framebufferUpdateRequest(true, 0, 0, 8, 8);
    const before = Buffer.concat([key, cut.subarray(0, 10)]);
    const after = Buffer.concat([cut.subarray(10), key, request, key]);
    for (let split = 0; split <= after.length; split++) {
      const filter = new RfbClientMessageFilter('control');
      const out = [...filter.push(before)];
      // the control goes away between two frames, with a clipboard message
      // begun: it finishes (the display's stream stays framed), and no key
      // after it passes
      filter.setMode('view');
      expect(filter.mode).toBe('view');
      out.push(...filter.push(after.subarray(0, split)));
      out.push(...filter.push(after.subarray(split)));
      expect(
        Buffer.concat(out).equals(Buffer.concat([key, cut, request])),
      ).toBe(true);
    }
  });

  it('judges a header still being collected by the mode in force when it completes', () => {
    const key = m.keyEvent(true, 0x62);
    const filter = new RfbClientMessageFilter('view');
    expect(filter.push(key.subarray(0, 3))).toEqual([]);
    filter.setMode('control');
    expect(Buffer.concat(filter.push(key.subarray(3))).equals(key)).toBe(true);
    filter.setMode('view');
    expect(filter.push(key)).toEqual([]);
  });
});
