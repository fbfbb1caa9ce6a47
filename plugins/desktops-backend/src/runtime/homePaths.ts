import { posix } from 'node:path';
import { InputError } from '@backstage/errors';

const MAX_NAME_LENGTH = 200;

/**
 * Neutralizes an uploaded file's name into one safe path segment of
 * `~/Uploads` (same rules as the course materials' `sanitizeFilename`, kept
 * local because the two plugins share no package): last path segment only,
 * no control or bidi-override characters, no `..`, no leading dots or blanks,
 * capped length keeping the extension.
 */
export function uploadFileName(input: string): string {
  let name = String(input ?? '');
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  name = name.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  const segments = name.split(/[\\/]+/);
  name = segments[segments.length - 1] ?? '';
  name = name.replace(/\.{2,}/g, '.');
  name = name.replace(/^[\s.]+/, '').replace(/\s+$/, '');
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name || 'file';
}

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
