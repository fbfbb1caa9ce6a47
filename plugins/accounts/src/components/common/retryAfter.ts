/** "Try again in 10 minutes." for a Retry-After in seconds; '' if unknown. */
export function retryAfterHint(seconds: number | undefined): string {
  if (seconds === undefined) return '';
  const wait =
    seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Try again in ${wait}.`;
}
