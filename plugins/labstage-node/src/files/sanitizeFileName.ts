const MAX_LENGTH = 200;

/**
 * Neutralizes a user-supplied file name into one harmless path segment, for
 * display, Content-Disposition and a desktop's ~/Uploads: keeps only the last
 * segment (either slash), drops control and bidi-override characters, `..`
 * sequences and leading dots/blanks, and caps the length keeping the
 * extension. Callers that write it to disk still resolve it safely; this only
 * makes the name itself harmless.
 */
export function sanitizeFileName(input: string): string {
  let name = String(input ?? '');
  // control characters (incl. NUL, DEL and C1)
  // eslint-disable-next-line no-control-regex
  name = name.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  // bidi overrides that can disguise extensions
  name = name.replace(/[\u202a-\u202e\u2066-\u2069]/g, '');
  const segments = name.split(/[\\/]+/);
  name = segments[segments.length - 1] ?? '';
  name = name.replace(/\.{2,}/g, '.');
  name = name.replace(/^[\s.]+/, '').replace(/\s+$/, '');
  if (name.length > MAX_LENGTH) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
    name = name.slice(0, MAX_LENGTH - ext.length) + ext;
  }
  return name || 'file';
}
