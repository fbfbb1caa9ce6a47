// Talking to the running platform's desktops API and gateway the way the
// viewer does, for journeys that need a live display connection.
import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { api, apiUrl } from './browser.ts';

/** Bytes of a WebSocket, read in exact amounts as RFB is parsed. */
class SocketReader {
  #buffer = Buffer.alloc(0);
  #wake?: () => void;
  #failure?: Error;

  constructor(socket: WebSocket) {
    socket.binaryType = 'arraybuffer';
    socket.addEventListener('message', event => {
      this.#buffer = Buffer.concat([
        this.#buffer,
        Buffer.from(event.data as ArrayBuffer),
      ]);
      this.#wake?.();
    });
    socket.addEventListener('close', event => {
      this.#failure = new Error(
        `the gateway closed the WebSocket (${event.code} ${event.reason})`,
      );
      this.#wake?.();
    });
  }

  async read(length: number): Promise<Buffer> {
    while (this.#buffer.length < length) {
      if (this.#failure) throw this.#failure;
      await new Promise<void>(resolve => (this.#wake = resolve));
    }
    const bytes = this.#buffer.subarray(0, length);
    this.#buffer = this.#buffer.subarray(length);
    return bytes;
  }
}

export type GatewaySession = {
  socket: WebSocket;
  screen: { width: number; height: number };
  /** Resolves when the gateway (or anyone) closes the connection. */
  closed: Promise<{ code: number; reason: string; at: number }>;
};

/** Creates a desktop for the context's user and waits until it runs. */
export async function launchRunningDesktop(
  context: BrowserContext,
): Promise<string> {
  const created = await api(context, 'POST', '/api/desktops/desktops', {
    imageId: 'linux-desktop',
  });
  assert.equal(created.status(), 202, await created.text());
  const desktopId: string = (await created.json()).id;
  for (let state = ''; state !== 'running'; ) {
    const res = await api(
      context,
      'GET',
      `/api/desktops/desktops/${desktopId}`,
    );
    const desktop = await res.json();
    state = desktop.state;
    assert.notEqual(
      state,
      'error',
      `the desktop failed: ${desktop.stateReason}`,
    );
    if (state !== 'running') await new Promise(r => setTimeout(r, 250));
  }
  return desktopId;
}

/**
 * Gets a ticket and completes the RFB 3.8 handshake through the gateway as
 * noVNC does (security None; the gateway answers the desktop's VNC password
 * itself), up to ServerInit, and leaves the session open.
 */
export async function openGatewaySession(
  context: BrowserContext,
  desktopId: string,
  mode: 'view' | 'control',
): Promise<GatewaySession> {
  const res = await api(
    context,
    'POST',
    `/api/desktops/desktops/${desktopId}/tickets`,
    { mode },
  );
  assert.equal(res.status(), 201, await res.text());
  const { path } = await res.json();
  const url = new URL(`/api/desktops${path}`, apiUrl);
  url.protocol = 'ws:';
  const socket = new WebSocket(url);
  const closed = new Promise<{ code: number; reason: string; at: number }>(
    resolve =>
      socket.addEventListener('close', event =>
        resolve({ code: event.code, reason: event.reason, at: Date.now() }),
      ),
  );
  const reader = new SocketReader(socket);
  const version = (await reader.read(12)).toString('latin1');
  assert.equal(version, 'RFB 003.008\n');
  socket.send(Buffer.from(version, 'latin1'));
  const types = await reader.read((await reader.read(1))[0]);
  assert.ok(types.includes(1), `security None offered (got ${[...types]})`);
  socket.send(Buffer.from([1]));
  assert.equal((await reader.read(4)).readUInt32BE(0), 0, 'security result OK');
  socket.send(Buffer.from([1])); // ClientInit, shared
  const serverInit = await reader.read(24);
  await reader.read(serverInit.readUInt32BE(20)); // the desktop's name
  return {
    socket,
    screen: {
      width: serverInit.readUInt16BE(0),
      height: serverInit.readUInt16BE(2),
    },
    closed,
  };
}
