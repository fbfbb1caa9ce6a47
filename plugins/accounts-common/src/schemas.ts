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

/** @public */
export const passwordSchema = z
  .string()
  .min(
    PASSWORD_MIN_LENGTH,
    `Password must be at least ${PASSWORD_MIN_LENGTH} characters`,
  )
  .max(
    PASSWORD_MAX_LENGTH,
    `Password must be at most ${PASSWORD_MAX_LENGTH} characters`,
  );

/** @public */
export const roleSchema = z.enum(['admin', 'instructor', 'student']);

/** @public */
export const signUpRequestSchema = z.object({
  username: usernameSchema,
  displayName: z.string().trim().min(1, 'Display name is required').max(100),
  email: z.email('Email address is not valid').max(254),
  password: passwordSchema,
  joinCode: z.string().trim().min(1).max(64).optional(),
});
/** @public */
export type SignUpRequest = z.infer<typeof signUpRequestSchema>;

/**
 * Sign-in deliberately does not apply the username pattern, so a malformed
 * name gets the same 401 as a wrong password instead of leaking the rules.
 *
 * @public
 */
export const signInRequestSchema = z.object({
  username: z.string().min(1, 'Username is required').max(64),
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
