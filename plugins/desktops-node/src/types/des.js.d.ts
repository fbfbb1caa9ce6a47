// des.js ships no types; only the ECB block API used by vncAuth is declared.
declare module 'des.js' {
  interface DesCipher {
    update(data: number[] | Uint8Array): number[];
    final(): number[];
  }
  export const DES: {
    create(options: {
      type: 'encrypt' | 'decrypt';
      key: number[] | Uint8Array;
      padding?: boolean;
    }): DesCipher;
  };
}
