import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed API call, if it was one. */
export function apiStatus(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/** Resolves to undefined when the object is missing (404). */
export async function ignoreNotFound<T>(
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (apiStatus(error) === 404) return undefined;
    throw error;
  }
}

/** Creating what already exists (409) is what was wanted. */
export async function ignoreConflict<T>(
  call: Promise<T>,
): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (apiStatus(error) === 409) return undefined;
    throw error;
  }
}

/** The API server's own message (its Status object), for errors people read. */
export function apiMessage(error: unknown): string {
  if (error instanceof ApiException) {
    let body: unknown = error.body;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        return `${error.code}: ${body}`;
      }
    }
    const message = (body as { message?: string } | undefined)?.message;
    return `${error.code}: ${message ?? error.message}`;
  }
  return String(error);
}
