const MAX_LENGTH = 200;

/**
 * Neutralizes a user-supplied file name for display and Content-Disposition:
 * keeps only the last path segment (either slash), drops control characters,
 * `..` sequences and leading dots/blanks, and caps the length. Never used as a
 * storage path.
 */
export function sanitizeFilename(input: string): string {
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

/** `Content-Disposition: attachment` with an ASCII fallback and RFC 5987 name. */
export function contentDisposition(filename: string): string {
  const fallback = filename
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_')
    .replace(/[%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
