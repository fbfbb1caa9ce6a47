import { contentDisposition, sanitizeFilename } from './sanitizeFilename';

describe('sanitizeFilename', () => {
  it.each([
    ['notes.txt', 'notes.txt'],
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\x', 'x'],
    ['/abs/path', 'path'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['evil\u0000name.txt', 'evilname.txt'],
    ['line\r\nbreak.txt', 'linebreak.txt'],
    ['..', 'file'],
    ['...', 'file'],
    ['.bashrc', 'bashrc'],
    ['a..b.txt', 'a.b.txt'],
    ['', 'file'],
    ['dir/', 'file'],
    ['résumé ✓.txt', 'résumé ✓.txt'],
    ['x\u202egnp.exe', 'xgnp.exe'],
  ])('%j → %j', (input, expected) => {
    expect(sanitizeFilename(input)).toBe(expected);
  });

  it('caps the length at 200 characters, keeping the extension', () => {
    const name = sanitizeFilename(`${'a'.repeat(500)}.tar.gz`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.gz')).toBe(true);
  });

  it('builds an RFC 5987 Content-Disposition', () => {
    expect(contentDisposition('résumé "1".txt')).toBe(
      `attachment; filename="r_sum_ _1_.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%221%22.txt`,
    );
  });
});
