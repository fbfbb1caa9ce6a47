import {
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  USERNAME_PATTERN,
} from '@internal/backstage-plugin-accounts-common';

export type SignInFields = { username: string; password: string };
export type SignUpFields = {
  username: string;
  displayName: string;
  email: string;
  password: string;
  confirmPassword: string;
  joinCode: string;
};
export type FieldErrors<T> = Partial<Record<keyof T, string>>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validatePassword(password: string): string | undefined {
  if (!password) return 'Enter a password';
  if (password.length < PASSWORD_MIN_LENGTH)
    return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH)
    return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  return undefined;
}

export function validateSignIn(f: SignInFields): FieldErrors<SignInFields> {
  const errors: FieldErrors<SignInFields> = {};
  if (!f.username.trim()) errors.username = 'Enter your username';
  if (!f.password) errors.password = 'Enter your password';
  return errors;
}

export function validateSignUp(f: SignUpFields): FieldErrors<SignUpFields> {
  const errors: FieldErrors<SignUpFields> = {};
  const username = f.username.trim();
  if (!username) errors.username = 'Choose a username';
  else if (!USERNAME_PATTERN.test(username))
    errors.username =
      'Use 3–32 lower-case letters, digits, ".", "_" or "-", starting with a letter';
  if (!f.displayName.trim()) errors.displayName = 'Enter your name';
  else if (f.displayName.trim().length > 100)
    errors.displayName = 'Keep your name under 100 characters';
  if (!f.email.trim()) errors.email = 'Enter your email address';
  else if (!EMAIL.test(f.email.trim()))
    errors.email = 'Enter a valid email address';
  const passwordError = validatePassword(f.password);
  if (passwordError) errors.password = passwordError;
  if (!f.confirmPassword) errors.confirmPassword = 'Repeat your password';
  else if (f.confirmPassword !== f.password)
    errors.confirmPassword = 'Passwords do not match';
  if (f.joinCode.trim().length > 64)
    errors.joinCode = 'Join codes are at most 64 characters';
  return errors;
}

export function hasErrors(errors: object): boolean {
  return Object.values(errors).some(Boolean);
}
