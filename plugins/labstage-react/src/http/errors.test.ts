import { toApiError } from './errors';

describe('toApiError', () => {
  it('carries the server message, status and Retry-After', async () => {
    const res = new Response(
      JSON.stringify({
        error: { name: 'Error', message: 'Too many failed sign-in attempts' },
        response: { statusCode: 429 },
      }),
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { 'Content-Type': 'application/json', 'Retry-After': '120' },
      },
    );
    const err = await toApiError(res);
    expect(err.message).toBe('Too many failed sign-in attempts');
    expect(err.serverMessage).toBe('Too many failed sign-in attempts');
    expect(err.statusCode).toBe(429);
    expect(err.retryAfterSeconds).toBe(120);
  });

  it('falls back to a readable message for non-JSON bodies', async () => {
    const res = new Response('<html>bad gateway</html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'Content-Type': 'text/html' },
    });
    const err = await toApiError(res);
    expect(err.message).toBe('The server had a problem. Please try again.');
    expect(err.serverMessage).toBeUndefined();
  });

  it("uses the caller's wording for its own statuses", async () => {
    const res = new Response('', { status: 423 });
    expect((await toApiError(res)).message).toBe('Request failed (423).');
    const again = new Response('', { status: 423 });
    const err = await toApiError(again, { 423: 'This post is locked.' });
    expect(err.message).toBe('This post is locked.');
  });
});
