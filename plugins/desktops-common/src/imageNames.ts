/*
 * Image names as the OCI distribution spec allows them, kept narrower where
 * that is safer: lowercase path components of letters and digits joined by
 * single separators, so no `..`, no empty component and nothing a registry
 * might read as a path.
 */

/** One path component of a repository name (a project, or an image name). */
export const IMAGE_NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
/** A version (tag). */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;
/** Longest repository name, `<project>/<name>`, that registries accept. */
export const MAX_REPOSITORY_LENGTH = 255;

/**
 * Why `repository` (`<project>/<name>`) is not a valid repository name, or
 * undefined when it is.
 *
 * @public
 */
export function repositoryNameProblem(repository: string): string | undefined {
  if (repository.length > MAX_REPOSITORY_LENGTH) {
    return `is longer than ${MAX_REPOSITORY_LENGTH} characters`;
  }
  const parts = repository.split('/');
  if (parts.length !== 2) return 'must be <project>/<name>';
  const bad = parts.find(p => !IMAGE_NAME_COMPONENT.test(p));
  if (bad !== undefined) {
    return `has "${bad}": use lowercase letters and digits, joined by single ".", "_", "__" or "-"`;
  }
  return undefined;
}

/**
 * Why `tag` is not a valid version, or undefined when it is.
 *
 * @public
 */
export function imageTagProblem(tag: string): string | undefined {
  return IMAGE_TAG.test(tag)
    ? undefined
    : 'must be 1 to 128 letters, digits, ".", "_" or "-", not starting with "." or "-"';
}
