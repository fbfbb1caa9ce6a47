import { LabstageApiError } from './errors';
import { RestClient } from './RestClient';

describe('RestClient', () => {
  function client(response: Response, extra: { credentials?: 'include' } = {}) {
    const fetch = jest.fn(
      async (_url: string, _init?: RequestInit) => response,
    );
    const rest = new RestClient({
      discoveryApi: { getBaseUrl: async id => `http://host/api/${id}` },
      fetchApi: { fetch } as any,
      pluginId: 'courses',
      statusMessages: { 423: 'This post is locked.' },
      ...extra,
    });
    return { rest, fetch };
  }

  it('sends JSON and returns the body as it came', async () => {
    const { rest, fetch } = client(
      new Response(JSON.stringify({ id: 'c1' }), { status: 201 }),
      { credentials: 'include' },
    );
    await expect(
      rest.json('POST', '/courses', { title: 'T' }),
    ).resolves.toEqual({
      id: 'c1',
    });
    expect(fetch).toHaveBeenCalledWith('http://host/api/courses/courses', {
      method: 'POST',
      credentials: 'include',
      headers: { 'Content-Type': 'application/json' },
      body: '{"title":"T"}',
    });
  });

  it("throws with the client's wording for its own statuses", async () => {
    const { rest } = client(new Response('', { status: 423 }));
    const error = await rest.request('POST', '/x').catch(e => e);
    expect(error).toBeInstanceOf(LabstageApiError);
    expect(error.message).toBe('This post is locked.');
  });
});
