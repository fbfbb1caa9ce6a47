import { execFileSync } from 'node:child_process';
import {
  deobfuscateVncPassword,
  generateVncPassword,
  obfuscateVncPassword,
} from './vncAuth';

// The reference implementation; scripts/test installs tigervnc-tools.
function runTigerVncPasswd(password: string): Buffer {
  try {
    return execFileSync('vncpasswd', ['-f'], { input: password });
  } catch (error) {
    throw new Error(
      `TigerVNC's vncpasswd could not run (${error}); install tigervnc-tools (scripts/test does).`,
    );
  }
}

describe('VNC password files and VncAuth', () => {
  it('writes the same password file as TigerVNC vncpasswd -f and reads it back', () => {
    for (const password of ['abc12345', 'short', generateVncPassword()]) {
      const fromTigerVnc = runTigerVncPasswd(password);
      expect(obfuscateVncPassword(password).equals(fromTigerVnc)).toBe(true);
      expect(deobfuscateVncPassword(fromTigerVnc)).toBe(password);
    }
  });

  // vncAuthResponse is verified against a real Xvnc by the gateway tests: a
  // wrong response there means no handshake at all.

  it('generates 8-character passwords', () => {
    expect(generateVncPassword()).toMatch(/^[A-Za-z0-9_-]{8}$/);
  });
});
