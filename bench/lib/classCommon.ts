// What the modules of the class-start benchmark (bench/class-start.ts)
// share: its log lines, rounding and a pause.
export const MiB = 2 ** 20;

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export const log = (message: string) =>
  console.log(
    `[class-start ${new Date().toISOString().slice(11, 19)}] ${message}`,
  );

export const round = (v: number, digits = 1) => Number(v.toFixed(digits));
