import { mockApis } from '@backstage/frontend-test-utils';
import type { CreateClassSessionRequest } from '@internal/backstage-plugin-desktops-common';
import { DesktopsClient } from './DesktopsClient';

// The class session calls: paths, methods and bodies as the backend's
// session routes take them.
describe('DesktopsClient (class sessions)', () => {
  function clientWith(respond: (url: string, init?: RequestInit) => Response) {
    const calls: Array<{ path: string; method: string; body?: unknown }> = [];
    const client = new DesktopsClient({
      discoveryApi: {
        getBaseUrl: async id => `https://labstage.example/api/${id}`,
      },
      fetchApi: {
        fetch: async (input: any, init?: RequestInit) => {
          calls.push({
            path: String(input).replace(
              'https://labstage.example/api/desktops',
              '',
            ),
            method: init?.method ?? 'GET',
            body: init?.body ? JSON.parse(init.body as string) : undefined,
          });
          return respond(String(input), init);
        },
      },
      identityApi: mockApis.identity(),
    });
    return { client, calls };
  }
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'Content-Type': 'application/json' },
    });

  const lab: CreateClassSessionRequest = {
    title: 'Lab',
    kind: 'weekly',
    startDate: '2026-12-01',
    startTime: '09:00',
    durationMinutes: 90,
    weekdays: [2, 4],
    untilDate: '2026-12-18',
    warmUpMinutes: 10,
    afterEndMinutes: 15,
  };

  it('reads, schedules, changes and deletes sessions', async () => {
    const { client, calls } = clientWith((_url, init) =>
      init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : json({ items: [], timeZone: 'Europe/Berlin' }),
    );
    await client.listSessions('c 1');
    await client.listOccurrences(
      'c1',
      '2026-12-01T00:00:00.000Z',
      '2026-12-29T00:00:00.000Z',
    );
    await client.createSession('c1', lab);
    await client.updateSession('c1', 's1', { durationMinutes: 60 });
    await client.deleteSession('c1', 's1');
    expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /courses/c%201/sessions',
      'GET /courses/c1/sessions/occurrences?from=2026-12-01T00%3A00%3A00.000Z&to=2026-12-29T00%3A00%3A00.000Z',
      'POST /courses/c1/sessions',
      'PATCH /courses/c1/sessions/s1',
      'DELETE /courses/c1/sessions/s1',
    ]);
    expect(calls[2].body).toEqual(lab);
    expect(calls[3].body).toEqual({ durationMinutes: 60 });
  });

  it('cancels and restores one meeting by its local date', async () => {
    const { client, calls } = clientWith(() => json({ id: 's1' }));
    await client.cancelOccurrence('c1', 's1', '2026-12-03');
    await client.restoreOccurrence('c1', 's1', '2026-12-03');
    expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'POST /courses/c1/sessions/s1/cancellations',
      'DELETE /courses/c1/sessions/s1/cancellations/2026-12-03',
    ]);
    expect(calls[0].body).toEqual({ date: '2026-12-03' });
  });

  it('reads the meeting on now, the warm-ups and the capacity check', async () => {
    const { client, calls } = clientWith(url =>
      url.endsWith('/runs')
        ? json({ items: [{ sessionId: 's1', problems: [] }] })
        : json({ warning: null }),
    );
    await client.getSessionNow('c1');
    await expect(client.listSessionRuns('c1', 's1')).resolves.toEqual([
      { sessionId: 's1', problems: [] },
    ]);
    await expect(client.checkSessionCapacity('c1', lab)).resolves.toEqual({
      warning: null,
    });
    expect(calls.map(c => `${c.method} ${c.path}`)).toEqual([
      'GET /courses/c1/sessions/now',
      'GET /courses/c1/sessions/s1/runs',
      'POST /courses/c1/sessions/capacity-check',
    ]);
    expect(calls[2].body).toEqual(lab);
  });

  it("throws the server's reason when a session is refused", async () => {
    const { client } = clientWith(() =>
      json(
        {
          error: {
            name: 'NotAllowedError',
            message: "Only the course's instructors can schedule its sessions",
          },
          response: { statusCode: 403 },
        },
        403,
      ),
    );
    await expect(client.createSession('c1', lab)).rejects.toThrow(
      "Only the course's instructors can schedule its sessions",
    );
  });
});
