/** An error's message alone, for sentences shown to users. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
