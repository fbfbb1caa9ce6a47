/** Desktop names are at most 60 characters; this leaves room for " 99". */
const MAX_BASE_LENGTH = 55;

/** The image's title, numbered ("Title 2") when the owner already has it. */
export function defaultDesktopName(
  imageTitle: string,
  existingNames: Iterable<string>,
): string {
  const names = new Set(existingNames);
  const base = imageTitle.slice(0, MAX_BASE_LENGTH);
  if (!names.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} ${n}`;
    if (!names.has(candidate)) return candidate;
  }
}
