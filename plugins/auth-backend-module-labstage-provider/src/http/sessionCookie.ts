import { parse, serialize } from 'cookie';
import { Request, Response } from 'express';

export const SESSION_COOKIE_NAME = 'labstage_session';

export type SessionCookieOptions = {
  /** Cookie path: the auth plugin's external path, e.g. `/api/auth`. */
  path: string;
  /** Set when the backend is served over https. */
  secure: boolean;
};

/**
 * Builds the cookie options from the auth plugin's external base URL, so the
 * cookie is only ever sent to the auth plugin's routes.
 */
export function sessionCookieOptionsFromUrl(
  authExternalBaseUrl: string,
): SessionCookieOptions {
  const url = new URL(authExternalBaseUrl);
  return {
    path: url.pathname.replace(/\/$/, '') || '/',
    secure: url.protocol === 'https:',
  };
}

export function readSessionToken(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (!header) {
    return undefined;
  }
  return parse(header)[SESSION_COOKIE_NAME] || undefined;
}

export function setSessionCookie(
  res: Response,
  options: SessionCookieOptions,
  token: string,
  expiresAt: Date,
): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE_NAME, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: options.path,
      expires: expiresAt,
    }),
  );
}

export function clearSessionCookie(
  res: Response,
  options: SessionCookieOptions,
): void {
  res.append(
    'Set-Cookie',
    serialize(SESSION_COOKIE_NAME, '', {
      httpOnly: true,
      sameSite: 'lax',
      secure: options.secure,
      path: options.path,
      expires: new Date(0),
    }),
  );
}
