import { posix } from 'node:path';
import { InputError } from '@backstage/errors';

/**
 * Checks a path the caller gave relative to the home directory and returns it
 * normalized. Refuses absolute paths, NUL bytes, `..` segments and the home
 * directory itself, so the result always names something below home.
 */
export function homeRelativePath(input: string): string {
  if (typeof input !== 'string' || input.trim() === '') {
    throw new InputError('A file path relative to the home folder is required');
  }
  if (input.includes('\0'))
    throw new InputError('The file path contains a NUL byte');
  if (input.startsWith('/') || input.startsWith('\\')) {
    throw new InputError('The file path must be relative to the home folder');
  }
  if (input.split(/[\\/]+/).includes('..')) {
    throw new InputError('The file path must stay inside the home folder');
  }
  const normalized = posix.normalize(input).replace(/\/+$/, '');
  if (normalized === '.' || normalized === '' || normalized.startsWith('../')) {
    throw new InputError(
      'The file path must name a file inside the home folder',
    );
  }
  return normalized;
}
