/**
 * Small accessors over the shared course types, kept in one place so the
 * views do not depend on how the server names author and file fields.
 */
type Authored = {
  author?: string | { username?: string; displayName?: string };
  authorUsername?: string;
  authorDisplayName?: string;
  authorName?: string;
};

export function authorOf(item: unknown): { username?: string; name: string } {
  const a = item as Authored;
  if (a.author && typeof a.author === 'object') {
    return {
      username: a.author.username,
      name: a.author.displayName ?? a.author.username ?? 'Unknown',
    };
  }
  const username =
    a.authorUsername ?? (typeof a.author === 'string' ? a.author : undefined);
  const clean = username?.replace(/^user:default\//, '');
  return {
    username: clean,
    name: a.authorDisplayName ?? a.authorName ?? clean ?? 'Unknown',
  };
}
