import { ResponseError } from '@backstage/errors';

/**
 * An error from a Labstage REST call whose message is the server's own
 * explanation (for example "Incorrect username or password"), ready to show
 * to the user.
 *
 * @public
 */
export class LabstageApiError extends Error {
  readonly statusCode: number;
  /** Seconds from a `Retry-After` header, if the server sent one. */
  readonly retryAfterSeconds?: number;
  /** The message the server sent, if it sent a readable one. */
  readonly serverMessage?: string;
  readonly responseError?: ResponseError;

  constructor(
    message: string,
    statusCode: number,
    options?: {
      retryAfterSeconds?: number;
      serverMessage?: string;
      responseError?: ResponseError;
    },
  ) {
    super(message);
    this.name = 'LabstageApiError';
    this.statusCode = statusCode;
    this.retryAfterSeconds = options?.retryAfterSeconds;
    this.serverMessage = options?.serverMessage;
    this.responseError = options?.responseError;
  }
}

const GENERIC_PREFIX = /^Request failed with status \d+[^,]*,?\s*/;

/**
 * Readable messages by HTTP status, for when the server sent none. A client
 * adds the wording of its own statuses (courses: 423 for a locked post).
 *
 * @public
 */
export type StatusMessages = Readonly<Record<number, string>>;

function fallbackMessage(status: number, extra?: StatusMessages): string {
  if (extra?.[status]) return extra[status];
  switch (status) {
    case 400:
      return 'The request was not valid.';
    case 401:
      return 'You are not signed in, or your session has expired.';
    case 403:
      return 'You do not have permission to do that.';
    case 404:
      return 'Not found.';
    case 409:
      return 'That conflicts with existing data.';
    case 413:
      return 'The file is too large.';
    case 429:
      return 'Too many attempts. Please wait and try again.';
    default:
      return status >= 500
        ? 'The server had a problem. Please try again.'
        : `Request failed (${status}).`;
  }
}

/**
 * Turns a failed response into a {@link LabstageApiError} carrying the
 * server's message. Consumes the response body.
 *
 * @public
 */
export async function toApiError(
  response: Response,
  statusMessages?: StatusMessages,
): Promise<LabstageApiError> {
  let responseError: ResponseError | undefined;
  let message = '';
  try {
    responseError = await ResponseError.fromResponse(response);
    const causeMessage = responseError.cause?.message ?? '';
    message = causeMessage.replace(GENERIC_PREFIX, '').trim();
    // Plain-text or HTML bodies are not meant for users.
    if (message.startsWith('<') || message.length > 500) message = '';
  } catch {
    // fall through to the generic message
  }
  const retryHeader = response.headers?.get?.('Retry-After');
  const retryAfterSeconds =
    retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : undefined;
  return new LabstageApiError(
    message || fallbackMessage(response.status, statusMessages),
    response.status,
    { retryAfterSeconds, serverMessage: message || undefined, responseError },
  );
}

/**
 * Throws a {@link LabstageApiError} unless the response is ok.
 *
 * @public
 */
export async function assertOk(
  response: Response,
  statusMessages?: StatusMessages,
): Promise<void> {
  if (!response.ok) {
    throw await toApiError(response, statusMessages);
  }
}

/**
 * The HTTP status of a failed call, if known.
 *
 * @public
 */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof LabstageApiError) return error.statusCode;
  if (ResponseError.is(error)) return error.statusCode;
  return undefined;
}

/**
 * A readable message for any thrown value.
 *
 * @public
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
