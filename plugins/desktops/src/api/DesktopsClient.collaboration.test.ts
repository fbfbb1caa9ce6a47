import { mockApis } from '@backstage/frontend-test-utils';
import { DesktopsClient, queryString } from './DesktopsClient';

// The sharing, presence, audit and classroom calls: paths, methods, bodies
// and query strings as the backend routes take them.
describe('DesktopsClient (sharing, control, audit, classroom)', () => {
  function clientWith(respond: (url: string, init?: RequestInit) => Response) {
    const calls: Array<{ url: string; method: string; init?: RequestInit }> =
      [];
    const client = new DesktopsClient({
      discoveryApi: {
        getBaseUrl: async id => `https://labstage.example/api/${id}`,
      },
      fetchApi: {
        fetch: async (input: any, init?: RequestInit) => {
          calls.push({
            url: String(input),
            method: init?.method ?? 'GET',
            init,
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
  const base = 'https://labstage.example/api/desktops';

  it('shares, changes and revokes with the grantee ref encoded in the path', async () => {
    const { client, calls } = clientWith((_url, init) =>
      init?.method === 'DELETE'
        ? new Response(null, { status: 204 })
        : json({ items: [] }),
    );
    await client.setShare('d1', 'user:default/bob', 'controller');
    await client.revokeShare('d1', 'user:default/bob');
    await client.listShares('d1');
    await client.listShareCandidates('d1');
    await client.listSharedWithMe();
    expect(calls.map(c => `${c.method} ${c.url.replace(base, '')}`)).toEqual([
      'PUT /desktops/d1/shares/user%3Adefault%2Fbob',
      'DELETE /desktops/d1/shares/user%3Adefault%2Fbob',
      'GET /desktops/d1/shares',
      'GET /desktops/d1/share-candidates',
      'GET /desktops/shared-with-me',
    ]);
    expect(JSON.parse(calls[0].init!.body as string)).toEqual({
      role: 'controller',
    });
  });

  it('calls the control routes and returns the presence they answer', async () => {
    const presence = {
      desktopId: 'd1',
      owner: 'user:default/alice',
      people: [],
      control: null,
      requests: [],
    };
    const { client, calls } = clientWith(() => json(presence));
    await expect(client.requestControl('d1')).resolves.toEqual(presence);
    await client.grantControl('d1', 'user:default/bob');
    await client.releaseControl('d1');
    await client.takeControl('d1');
    await client.getPresence('d1');
    expect(calls.map(c => `${c.method} ${c.url.replace(base, '')}`)).toEqual([
      'POST /desktops/d1/control/request',
      'POST /desktops/d1/control/grant',
      'POST /desktops/d1/control/release',
      'POST /desktops/d1/control/take',
      'GET /desktops/d1/presence',
    ]);
    expect(JSON.parse(calls[1].init!.body as string)).toEqual({
      userEntityRef: 'user:default/bob',
    });
  });

  it('sends the audit filters as a query, leaving out the empty ones', async () => {
    const { client, calls } = clientWith(url =>
      url.includes('export.csv')
        ? new Response('id,at\n', {
            headers: {
              'Content-Disposition':
                'attachment; filename="labstage-desktop-audit.csv"',
            },
          })
        : json({ items: [], nextCursor: null }),
    );
    await client.listAudit(
      {
        user: 'user:default/bob',
        action: 'share.revoke',
        desktopId: undefined,
      },
      { cursor: '42', limit: 100 },
    );
    const file = await client.exportAudit({ from: '2026-11-29T00:00:00.000Z' });
    await client.listVisitors('d1', { limit: 50 });
    expect(calls.map(c => c.url.replace(base, ''))).toEqual([
      '/audit?user=user%3Adefault%2Fbob&action=share.revoke&cursor=42&limit=100',
      '/audit/export.csv?from=2026-11-29T00%3A00%3A00.000Z',
      '/desktops/d1/visitors?limit=50',
    ]);
    expect(file.filename).toBe('labstage-desktop-audit.csv');
    await expect(file.blob.text()).resolves.toBe('id,at\n');
    expect(queryString({ a: undefined, b: '' })).toBe('');
  });

  it('reads a thumbnail with its ETag, and takes a 304 as "not modified"', async () => {
    const { client, calls } = clientWith((_url, init) => {
      const etag = (init?.headers as Record<string, string> | undefined)?.[
        'If-None-Match'
      ];
      return etag === '"f1"'
        ? new Response(null, { status: 304 })
        : new Response('jpeg-bytes', {
            status: 200,
            headers: { ETag: '"f1"', 'Content-Type': 'image/jpeg' },
          });
    });
    const first = await client.getThumbnail('/desktops/d1/thumbnail');
    expect(first.notModified).toBe(false);
    if (first.notModified) throw new Error('unreachable');
    expect(first.etag).toBe('"f1"');
    await expect(first.blob.text()).resolves.toBe('jpeg-bytes');
    await expect(
      client.getThumbnail('/desktops/d1/thumbnail', '"f1"'),
    ).resolves.toEqual({ notModified: true });
    expect(calls[0].url).toBe(`${base}/desktops/d1/thumbnail`);
  });

  it('reads the classroom with a state filter, and raises and lowers a hand', async () => {
    const hand = {
      desktopId: 'd1',
      raisedAt: '2026-11-29T09:00:00.000Z',
      raisedBy: 'user:default/alice',
    };
    const { client, calls } = clientWith((url, init) => {
      if (init?.method === 'DELETE') return new Response(null, { status: 204 });
      if (url.includes('/hand')) return json({ hand });
      return json({ items: [] });
    });
    await client.getClassroom('c1', 'running');
    await client.getClassroom('c1');
    await expect(client.raiseHand('d1')).resolves.toEqual(hand);
    await expect(client.getHand('d1')).resolves.toEqual(hand);
    await client.lowerHand('d1');
    expect(calls.map(c => `${c.method} ${c.url.replace(base, '')}`)).toEqual([
      'GET /courses/c1/classroom?state=running',
      'GET /courses/c1/classroom',
      'POST /desktops/d1/hand',
      'GET /desktops/d1/hand',
      'DELETE /desktops/d1/hand',
    ]);
  });
});
