import { toApiError } from './errors';
import { isStaff } from './roles';

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
});

describe('isStaff', () => {
  it('is true for instructors and admins only', () => {
    expect(isStaff('admin')).toBe(true);
    expect(isStaff('instructor')).toBe(true);
    expect(isStaff('student')).toBe(false);
    expect(isStaff(undefined)).toBe(false);
  });
});
