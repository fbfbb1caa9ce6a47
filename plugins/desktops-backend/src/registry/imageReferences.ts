import {
  ImageRegistry,
  RegistryCredentials,
} from '@internal/backstage-plugin-desktops-node';

/**
 * The repository of `owner`'s image `name`, `<project>/<user>/<name>`.
 * User names may hold what a registry path component may not ("a..b");
 * those are spelt with the illegal runs replaced and the name's length
 * appended. Should two users ever share a spelling, nothing is lost: a
 * version is never overwritten (tags are unique per repository) and the
 * index, not the path, says whose each version is.
 */
export function personalRepository(
  personalProject: string,
  ownerEntityRef: string,
  name: string,
) {
  const user = ownerEntityRef.replace(/^user:[^/]+\//, '').toLowerCase();
  const legal = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/.test(user)
    ? user
    : `${user.replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${
        user.length
      }`;
  return `${personalProject}/${legal}/${name}`;
}

/** The project (first path component) of a repository. */
export function projectOf(repository: string): string {
  return repository.split('/')[0];
}

/**
 * The repository part of a reference in `registry`, or undefined when the
 * reference points elsewhere (a local or catalog image).
 */
export function repositoryInRegistry(
  registry: ImageRegistry,
  imageRef: string,
): string | undefined {
  const prefix = `${registry.host}/`;
  if (!imageRef.startsWith(prefix)) return undefined;
  const rest = imageRef.slice(prefix.length);
  return rest.replace(/@sha256:[0-9a-f]{64}$/, '').replace(/:[^/:]+$/, '');
}

/** Credentials to pull `imageRef`, when it lives in the registry. */
export async function pullCredentialsFor(
  registry: ImageRegistry | undefined,
  imageRef: string,
): Promise<RegistryCredentials | undefined> {
  if (!registry) return undefined;
  const repository = repositoryInRegistry(registry, imageRef);
  return repository === undefined
    ? undefined
    : registry.pullCredentials(projectOf(repository));
}

/** `v<n+1>` after the highest `v<n>` among `tags` (v1 for none). */
export function nextVersionTag(tags: string[]): string {
  const numbers = tags
    .map(t => /^v(\d+)$/.exec(t)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  return `v${numbers.length ? Math.max(...numbers) + 1 : 1}`;
}
