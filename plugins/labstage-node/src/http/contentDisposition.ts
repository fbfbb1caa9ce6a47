/**
 * `Content-Disposition: attachment` for a user-supplied name: an ASCII
 * fallback in which quotes, backslashes, `%` and `;` (which some clients
 * parse inside the quoted string) become `_`, plus the exact name in RFC 5987
 * form.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
