import { mockApis } from '@backstage/frontend-test-utils';
import { DesktopsClient } from '../api/DesktopsClient';

/** The desktops backend's base URL as the recording client discovers it. */
export const RECORDED_BASE = 'https://labstage.example/api/desktops';

/** A JSON response, as the backend answers. */
export const jsonResponse = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/**
 * A real DesktopsClient whose fetches are answered by `respond` and
 * recorded (method, path below {@link RECORDED_BASE}, JSON body), so a test
 * sees the requests exactly as the backend would get them.
 */
export function recordingDesktopsClient(
  respond: (url: string, init?: RequestInit) => Response,
) {
  const calls: Array<{ method: string; path: string; body?: unknown }> = [];
  const client = new DesktopsClient({
    discoveryApi: {
      getBaseUrl: async id => `https://labstage.example/api/${id}`,
    },
    fetchApi: {
      fetch: async (input: any, init?: RequestInit) => {
        const url = String(input);
        calls.push({
          method: init?.method ?? 'GET',
          path: url.replace(RECORDED_BASE, ''),
          body:
            typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
        });
        return respond(url, init);
      },
    },
    identityApi: mockApis.identity(),
  });
  return { client, calls };
}
