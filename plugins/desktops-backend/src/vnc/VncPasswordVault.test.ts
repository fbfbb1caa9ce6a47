import { VncPasswordVault } from './VncPasswordVault';

describe('VncPasswordVault', () => {
  const vault = VncPasswordVault.fromSecret('a test secret of some length');

  it('seals so that the password does not appear, and opens it again', () => {
    const sealed = vault.seal('pw1234ab');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('pw1234ab');
    expect(Buffer.from(sealed.slice(3), 'base64url').includes('pw1234ab')).toBe(
      false,
    );
    expect(vault.open(sealed)).toBe('pw1234ab');
  });

  it('uses a fresh IV each time', () => {
    expect(vault.seal('same')).not.toBe(vault.seal('same'));
  });

  it('refuses a value sealed with another key, or altered', () => {
    const other = VncPasswordVault.fromSecret('another secret, also long');
    expect(() => other.open(vault.seal('pw1234ab'))).toThrow();
    const sealed = vault.seal('pw1234ab');
    const bytes = Buffer.from(sealed.slice(3), 'base64url');
    bytes[bytes.length - 1] ^= 1;
    expect(() => vault.open(`v1.${bytes.toString('base64url')}`)).toThrow();
    expect(() => vault.open('plain')).toThrow(/format/);
  });
});
