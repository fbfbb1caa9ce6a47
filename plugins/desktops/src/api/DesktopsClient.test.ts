import { mockApis } from '@backstage/frontend-test-utils';
import {
  DesktopsClient,
  filenameFromDisposition,
  toWebSocketUrl,
} from './DesktopsClient';

describe('DesktopsClient', () => {
  function clientWith(respond: (url: string, init?: RequestInit) => Response) {
    const calls: Array<{ url: string; init?: RequestInit }> = [];
    const client = new DesktopsClient({
      discoveryApi: {
        getBaseUrl: async id => `https://labstage.example/api/${id}`,
      },
      fetchApi: {
        fetch: async (input: any, init?: RequestInit) => {
          calls.push({ url: String(input), init });
          return respond(String(input), init);
        },
      },
      identityApi: mockApis.identity(),
    });
    return { client, calls };
  }

  it('builds the gateway WebSocket URL from the backend base URL and the ticket path', async () => {
    const { client } = clientWith(() => new Response('{}'));
    await expect(
      client.connectUrl({
        ticket: 't1',
        mode: 'control',
        desktopId: 'abc',
        expiresAt: '2030-01-01T00:00:00Z',
        path: '/connect?ticket=t1',
      }),
    ).resolves.toBe('wss://labstage.example/api/desktops/connect?ticket=t1');
    expect(
      toWebSocketUrl(
        'http://localhost:7007/api/desktops/',
        '/connect?ticket=x',
      ),
    ).toBe('ws://localhost:7007/api/desktops/connect?ticket=x');
  });

  it('downloads a file with the name from Content-Disposition', async () => {
    const { client, calls } = clientWith(
      () =>
        new Response('hello', {
          status: 200,
          headers: {
            'Content-Disposition':
              'attachment; filename="r.txt"; filename*=UTF-8\'\'r%C3%A9sum%C3%A9.txt',
          },
        }),
    );
    const file = await client.downloadFile('abc', 'Documents/r.txt');
    expect(calls[0].url).toBe(
      'https://labstage.example/api/desktops/desktops/abc/files?path=Documents%2Fr.txt',
    );
    expect(file.filename).toBe('résumé.txt');
    await expect(file.blob.text()).resolves.toBe('hello');
  });

  it("throws the server's message on a refused call", async () => {
    const { client } = clientWith(
      () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'No such file: a.txt' },
            response: { statusCode: 404 },
          }),
          { status: 404, headers: { 'Content-Type': 'application/json' } },
        ),
    );
    await expect(client.downloadFile('abc', 'a.txt')).rejects.toThrow(
      'No such file: a.txt',
    );
  });

  it('parses plain and quoted Content-Disposition file names', () => {
    expect(filenameFromDisposition('attachment; filename="a b.txt"')).toBe(
      'a b.txt',
    );
    expect(filenameFromDisposition('attachment; filename=plain.bin')).toBe(
      'plain.bin',
    );
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
});
