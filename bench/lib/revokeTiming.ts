// Revoke → connection closed, for the classroom benchmark
// (bench/classroom.ts): every owner shares their desktop with the next
// student as viewer, every viewer connects through the gateway with a view
// ticket (RFB handshake done, so the relay is up), then the owners revoke
// one after another (DELETE /desktops/:id/shares/:grantee) and each
// viewer's WebSocket is timed until it closes.
import { apiUrl } from './platform.ts';
import { RfbClient, webSocketTransport } from './rfb.ts';
import type { Seat } from './classroomClass.ts';

export type RevokeResult = {
  /** DELETE sent → the viewer's WebSocket closed, ms, per revoke. */
  closedMs: number[];
  /** DELETE sent → its 204, ms. */
  answeredMs: number[];
  /** Close codes seen (4403 expected), and 'open after 5 s'. */
  closeCodes: Record<string, number>;
};

const userRef = (username: string) => `user:default/${username}`;

async function shares(owner: Seat, grantee: string, method: 'PUT' | 'DELETE') {
  const res = await fetch(
    `${apiUrl}/api/desktops/desktops/${
      owner.desktopId
    }/shares/${encodeURIComponent(userRef(grantee))}`,
    {
      method,
      headers: {
        Authorization: `Bearer ${owner.session.token}`,
        ...(method === 'PUT' ? { 'Content-Type': 'application/json' } : {}),
      },
      body: method === 'PUT' ? JSON.stringify({ role: 'viewer' }) : undefined,
    },
  );
  if (!res.ok)
    throw new Error(
      `${method} share of ${owner.desktopId} with ${grantee}: ${
        res.status
      } ${await res.text()}`,
    );
}

/** A viewer connected through the gateway; `closed` resolves with the code. */
async function connectViewer(owner: Seat, viewer: Seat) {
  const url = await viewer.session.connectUrl(owner.desktopId, 'view');
  const transport = await webSocketTransport(url);
  const closed = new Promise<{ code: number; at: number }>(resolve =>
    transport.onClose(code =>
      resolve({ code: code ?? 0, at: performance.now() }),
    ),
  );
  await new RfbClient(transport).handshake();
  return { transport, closed };
}

/** One round over `seats` (at least two): a share, a viewer, a revoke each. */
export async function revokeRound(seats: Seat[]): Promise<RevokeResult> {
  const pairs = seats.map((owner, i) => ({
    owner,
    viewer: seats[(i + 1) % seats.length],
  }));
  const result: RevokeResult = { closedMs: [], answeredMs: [], closeCodes: {} };
  const viewers: Awaited<ReturnType<typeof connectViewer>>[] = [];
  try {
    for (let i = 0; i < pairs.length; i += 5) {
      viewers.push(
        ...(await Promise.all(
          pairs.slice(i, i + 5).map(async ({ owner, viewer }) => {
            await shares(owner, viewer.username, 'PUT');
            return connectViewer(owner, viewer);
          }),
        )),
      );
    }
    for (const [i, { owner, viewer }] of pairs.entries()) {
      const sent = performance.now();
      await shares(owner, viewer.username, 'DELETE');
      result.answeredMs.push(performance.now() - sent);
      const closed = await Promise.race([
        viewers[i].closed,
        new Promise<undefined>(r => setTimeout(r, 5000)),
      ]);
      const key = closed ? String(closed.code) : 'open after 5 s';
      result.closeCodes[key] = (result.closeCodes[key] ?? 0) + 1;
      result.closedMs.push(closed ? closed.at - sent : 5000);
      await new Promise(r => setTimeout(r, 100));
    }
    return result;
  } finally {
    for (const v of viewers) v.transport.close();
  }
}
