/**
 * Polls `probe` until it returns a value other than undefined, or fails
 * with `what` after `timeoutMs`. For waiting on background work in tests.
 *
 * @public
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${
          last ? ` (last error: ${last})` : ''
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}
