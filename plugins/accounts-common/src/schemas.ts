import {
  singleLineText,
  storableText,
} from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';
import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
} from './identity';

/** @public */
export const usernameSchema = z
  .string()
  .regex(
    USERNAME_PATTERN,
    'Username must be 3-32 characters: lower-case letters, digits, ".", "_" or "-", starting with a letter',
  );

/**
 * A new password (sign-up, change, reset). Any character is allowed except
 * U+0000 and unpaired surrogates: argon2 hashes the UTF-8 form, where an
 * unpaired surrogate becomes U+FFFD (so the password hashed is not the one
 * typed, and different ones collide), and a NUL is a character most tools
 * that pass passwords around (C strings, shells, CLI password managers)
 * cannot type again. Tabs and other control characters stay legal: a
 * password is never displayed, and generators may use anything.
 *
 * Fields that only verify a password (sign-in, current password, account
 * deletion) keep accepting anything: the value is hashed and compared, never
 * stored, so it can't fail in the database, and a stricter rule there would
 * only turn "wrong password" into a different error.
 *
 * @public
 */
export const passwordSchema = storableText(
  'Password',
  z
    .string()
    .min(
      PASSWORD_MIN_LENGTH,
      `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
    )
    .max(
      PASSWORD_MAX_LENGTH,
      `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
    ),
);

/** @public */
export const roleSchema = z.enum(['admin', 'instructor', 'student']);

/** @public */
export const signUpRequestSchema = z.object({
  // USERNAME_PATTERN and zod's e-mail pattern are ASCII-only: they already
  // refuse NUL, control characters and surrogates.
  username: usernameSchema,
  displayName: singleLineText(
    'Display name',
    z.string().trim().min(1, 'Display name is required').max(100),
  ),
  email: z.email('Email address is not valid').max(254),
  password: passwordSchema,
  joinCode: singleLineText(
    'Join code',
    z.string().trim().min(1).max(64),
  ).optional(),
});
/** @public */
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

/**
 * Sign-in deliberately does not apply the username pattern, so a malformed
 * name gets the same 401 as a wrong password instead of leaking the rules.
 * Only a name that can't even be looked up (NUL fails a PostgreSQL query)
 * gets a 400; that tells nothing about which names exist.
 *
 * @public
 */
export const signInRequestSchema = z.object({
  username: storableText(
    'Username',
    z.string().min(1, 'Username is required').max(64),
  ),
  password: z.string().min(1, 'Password is required').max(PASSWORD_MAX_LENGTH),
});
/** @public */
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** @public */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  newPassword: passwordSchema,
});
/** @public */
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;

/** @public */
export const setRoleRequestSchema = z.object({ role: roleSchema });
/** @public */
export type SetRoleRequest = z.infer<typeof setRoleRequestSchema>;

/** @public */
export const setDisabledRequestSchema = z.object({ disabled: z.boolean() });
/** @public */
export type SetDisabledRequest = z.infer<typeof setDisabledRequestSchema>;

/** @public */
export const resetPasswordRequestSchema = z.object({
  newPassword: passwordSchema,
});
/** @public */
export type ResetPasswordRequest = z.infer<typeof resetPasswordRequestSchema>;
