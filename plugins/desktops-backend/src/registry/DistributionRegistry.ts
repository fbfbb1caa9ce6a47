import {
  ImageRegistry,
  RegistryArtifact,
  RegistryCredentials,
  RegistryError,
} from '@internal/backstage-plugin-desktops-node';

/** Manifest kinds we read; an index points at per-platform manifests. */
const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

type Descriptor = {
  mediaType?: string;
  digest: string;
  size: number;
  platform?: { os?: string; architecture?: string };
  annotations?: Record<string, string>;
};
type Manifest = {
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
  manifests?: Descriptor[];
};

/** @public */
export type DistributionRegistryOptions = {
  /** e.g. `http://127.0.0.1:5000`; plain http only for loopback. */
  url: string;
  username: string;
  password: string;
};

/**
 * A plain OCI Distribution registry (Debian's docker-registry, the engine
 * inside Harbor), through its `/v2/` API with basic auth. It has no
 * projects, accounts or scans: a project is the first path component, and
 * pushes and pulls use the one account the backend is configured with.
 */
export class DistributionRegistry implements ImageRegistry {
  readonly host: string;
  /** Distribution has no projects; the first path component plays one. */
  readonly personalProject = 'personal';
  readonly #base: string;
  readonly #authorization: string;
  readonly #credentials: RegistryCredentials;

  constructor(options: DistributionRegistryOptions) {
    const url = new URL(options.url);
    if (url.protocol !== 'https:' && !isLoopback(url.hostname)) {
      throw new Error(
        `desktops.registry.url ${options.url}: use https for a registry that is not on this machine`,
      );
    }
    this.host = url.host;
    this.#base = url.origin;
    this.#authorization = `Basic ${Buffer.from(
      `${options.username}:${options.password}`,
    ).toString('base64')}`;
    this.#credentials = {
      username: options.username,
      password: options.password,
      serveraddress: url.host,
    };
  }

  async check(): Promise<void> {
    await (await this.#request('/v2/')).body?.cancel();
  }

  async ensureProject(): Promise<void> {
    // Distribution has no projects: a repository exists once pushed to.
  }

  async pushCredentials(): Promise<RegistryCredentials> {
    return this.#credentials;
  }

  async pullCredentials(): Promise<RegistryCredentials> {
    return this.#credentials;
  }

  async listRepositories(project: string): Promise<string[]> {
    const found: string[] = [];
    let next: string | undefined = '/v2/_catalog?n=1000';
    while (next) {
      const response = await this.#request(next);
      const body = (await response.json()) as { repositories?: string[] };
      found.push(
        ...(body.repositories ?? []).filter(r => r.startsWith(`${project}/`)),
      );
      next = nextPage(response.headers.get('link'));
    }
    return found.sort();
  }

  async listArtifacts(repository: string): Promise<RegistryArtifact[]> {
    const response = await this.#request(`/v2/${repository}/tags/list`, {
      notFoundIsEmpty: true,
    });
    if (!response) return [];
    const { tags } = (await response.json()) as { tags?: string[] | null };
    const byDigest = new Map<string, RegistryArtifact>();
    for (const tag of (tags ?? []).sort()) {
      const { digest, manifest } = await this.#manifest(repository, tag);
      const known = byDigest.get(digest);
      if (known) {
        known.tags.push(tag);
        continue;
      }
      const image = await this.#platformManifest(repository, manifest);
      byDigest.set(digest, {
        repository,
        digest,
        tags: [tag],
        sizeBytes:
          (image.config?.size ?? 0) +
          (image.layers ?? []).reduce((sum, layer) => sum + layer.size, 0),
        createdAt: image.config
          ? await this.#createdAt(repository, image.config.digest)
          : undefined,
      });
    }
    return [...byDigest.values()];
  }

  async deleteArtifact(repository: string, digest: string): Promise<void> {
    await this.#request(`/v2/${repository}/manifests/${digest}`, {
      method: 'DELETE',
    });
  }

  async #manifest(
    repository: string,
    reference: string,
  ): Promise<{ digest: string; manifest: Manifest }> {
    const response = await this.#request(
      `/v2/${repository}/manifests/${reference}`,
      { accept: MANIFEST_TYPES },
    );
    const digest = response.headers.get('docker-content-digest');
    if (!digest) {
      throw new RegistryError(
        'rejected',
        `The registry at ${this.host} sent ${repository}:${reference} without its digest`,
      );
    }
    return { digest, manifest: (await response.json()) as Manifest };
  }

  /** The image manifest itself, or for an index its linux/amd64 (else first) image. */
  async #platformManifest(
    repository: string,
    manifest: Manifest,
  ): Promise<Manifest> {
    if (!manifest.manifests) return manifest;
    const images = manifest.manifests.filter(
      m =>
        m.annotations?.['vnd.docker.reference.type'] !== 'attestation-manifest',
    );
    const chosen =
      images.find(
        m => m.platform?.os === 'linux' && m.platform?.architecture === 'amd64',
      ) ?? images[0];
    if (!chosen) return {};
    return (await this.#manifest(repository, chosen.digest)).manifest;
  }

  async #createdAt(
    repository: string,
    configDigest: string,
  ): Promise<string | undefined> {
    const response = await this.#request(
      `/v2/${repository}/blobs/${configDigest}`,
    );
    const config = (await response.json()) as { created?: unknown };
    return typeof config.created === 'string' ? config.created : undefined;
  }

  #request(
    path: string,
    options: { method?: string; accept?: string; notFoundIsEmpty: true },
  ): Promise<Response | undefined>;
  #request(
    path: string,
    options?: { method?: string; accept?: string },
  ): Promise<Response>;
  async #request(
    path: string,
    options: {
      method?: string;
      accept?: string;
      notFoundIsEmpty?: boolean;
    } = {},
  ): Promise<Response | undefined> {
    let response: Response;
    try {
      response = await fetch(`${this.#base}${path}`, {
        method: options.method ?? 'GET',
        headers: {
          authorization: this.#authorization,
          ...(options.accept ? { accept: options.accept } : {}),
        },
        redirect: 'follow',
      });
    } catch (error) {
      throw new RegistryError(
        'unreachable',
        `The image registry at ${this.host} cannot be reached (${
          (error as Error & { cause?: Error }).cause?.message ?? error
        })`,
      );
    }
    if (response.ok) return response;
    await response.body?.cancel();
    if (response.status === 404 && options.notFoundIsEmpty) return undefined;
    if (response.status === 401 || response.status === 403) {
      throw new RegistryError(
        'unauthorized',
        `The image registry at ${this.host} refused Labstage's credentials (HTTP ${response.status}); check desktops.registry`,
      );
    }
    throw new RegistryError(
      response.status === 404 ? 'not-found' : 'rejected',
      `The image registry at ${this.host} answered HTTP ${response.status} to ${
        options.method ?? 'GET'
      } ${path}`,
    );
  }
}

function isLoopback(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    /^127\.\d+\.\d+\.\d+$/.test(hostname)
  );
}

/** The next page of a paginated list, from its `Link: <…>; rel="next"` header. */
function nextPage(link: string | null): string | undefined {
  const match = link?.match(/<([^>]+)>\s*;\s*rel="?next"?/);
  if (!match) return undefined;
  const url = new URL(match[1], 'http://registry.invalid');
  return `${url.pathname}${url.search}`;
}
