import { randomBytes } from 'node:crypto';
// des.js is the maintained pure-JS DES (part of the crypto-browserify family);
// Node's OpenSSL 3 only offers DES through the legacy provider.
import { DES } from 'des.js';

/**
 * VNC authentication helpers (RFB 3.8 §7.2.2, TigerVNC password files).
 * VNC uses DES with each key byte's bits reversed, and stores passwords
 * "obfuscated" with a fixed key; neither is meant as real secrecy, which is
 * why the display socket itself is never reachable from outside.
 */

/** TigerVNC's fixed obfuscation key (vncpasswd -f). */
const OBFUSCATION_KEY = Buffer.from([23, 82, 107, 6, 35, 78, 88, 7]);

function reverseBits(byte: number): number {
  let out = 0;
  for (let i = 0; i < 8; i++) out = (out << 1) | ((byte >> i) & 1);
  return out;
}

/** VNC's DES key for a password: 8 bytes, zero padded, each byte's bits reversed. */
function vncDesKey(password: Buffer): number[] {
  return [...toEightBytes(password)].map(reverseBits);
}

function toEightBytes(value: Buffer): Buffer {
  const out = Buffer.alloc(8);
  value.copy(out, 0, 0, 8);
  return out;
}

function desEcb(key: number[], data: Buffer, decrypt = false): Buffer {
  const cipher = DES.create({
    type: decrypt ? 'decrypt' : 'encrypt',
    key,
    padding: false,
  });
  return Buffer.from(cipher.update([...data]).concat(cipher.final()));
}

/** A random password in the 8 printable characters VNC keeps. */
export function generateVncPassword(): string {
  return randomBytes(6).toString('base64url').slice(0, 8);
}

/** The contents of a TigerVNC password file (what `vncpasswd -f` writes). */
export function obfuscateVncPassword(password: string): Buffer {
  return desEcb(
    vncDesKey(OBFUSCATION_KEY),
    toEightBytes(Buffer.from(password, 'latin1')),
  );
}

/** Reads a password back from a TigerVNC password file's first 8 bytes. */
export function deobfuscateVncPassword(file: Buffer): string {
  const plain = desEcb(vncDesKey(OBFUSCATION_KEY), file.subarray(0, 8), true);
  const end = plain.indexOf(0);
  return plain.subarray(0, end === -1 ? 8 : end).toString('latin1');
}

/** The client's answer to a 16-byte VncAuth challenge. */
export function vncAuthResponse(password: string, challenge: Buffer): Buffer {
  if (challenge.length !== 16)
    throw new Error('VncAuth challenge must be 16 bytes');
  return desEcb(vncDesKey(Buffer.from(password, 'latin1')), challenge);
}
