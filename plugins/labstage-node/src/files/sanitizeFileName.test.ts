import { sanitizeFileName } from './sanitizeFileName';

describe('sanitizeFileName', () => {
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
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps the length at 200 characters, keeping the extension', () => {
    const name = sanitizeFileName(`${'a'.repeat(500)}.tar.gz`);
    expect(name).toHaveLength(200);
    expect(name.endsWith('.gz')).toBe(true);
  });
});
