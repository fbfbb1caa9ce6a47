import { contentDisposition } from './contentDisposition';

describe('contentDisposition', () => {
  it('keeps a plain name as is', () => {
    expect(contentDisposition('notes.txt')).toBe(
      `attachment; filename="notes.txt"; filename*=UTF-8''notes.txt`,
    );
  });

  it('neutralizes quotes, backslashes, percent signs and semicolons in the fallback', () => {
    const header = contentDisposition('a"b\\c%41;d.txt');
    expect(header).toContain('filename="a_b_c_41_d.txt"');
    expect(header).toContain(`filename*=UTF-8''a%22b%5Cc%2541%3Bd.txt`);
  });

  it('replaces non-ASCII in the fallback and keeps it in the encoded name', () => {
    const header = contentDisposition("résumé (1)'.pdf");
    expect(header).toContain('filename="r_sum_ (1)\'.pdf"');
    expect(header).toContain(
      `filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29%27.pdf`,
    );
  });
});
