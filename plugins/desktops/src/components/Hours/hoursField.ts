/**
 * A number typed in an hours field, or undefined when it is empty; a text
 * that is not a number becomes NaN, which the schemas refuse with their
 * own message.
 */
export function hoursFieldValue(text: string): number | undefined {
  const trimmed = text.trim();
  return trimmed === '' ? undefined : Number(trimmed);
}
