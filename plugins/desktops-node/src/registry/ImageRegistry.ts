/**
 * Where desktop images are kept: the embedded OCI Distribution registry, or
 * Harbor in production (`desktops-backend-module-harbor`). An image lives in
 * a *project* (one per course, one for personal images) as
 * `<host>/<project>/<name>:<version>`.
 *
 * Credentials never leave the backend: the container engine gets them for
 * one push or pull, the browser never.
 *
 * @public
 */
export interface ImageRegistry {
  /** `host[:port]` as it appears in image references. */
  readonly host: string;
  /** The project personal images go to, as `<project>/<user>/<name>`. */
  readonly personalProject: string;
  /**
   * Resolves when the registry answers and accepts Labstage's credentials;
   * otherwise rejects with a RegistryError that says which.
   */
  check(): Promise<void>;
  /** Makes sure the project exists (a Harbor project; nothing on Distribution). */
  ensureProject(project: string): Promise<void>;
  /** What the container engine pushes to this project with. */
  pushCredentials(project: string): Promise<RegistryCredentials>;
  /** What the container engine pulls from this project with (Harbor: the project's robot account). */
  pullCredentials(project: string): Promise<RegistryCredentials>;
  /** Repositories of a project, as `<project>/<name>`. */
  listRepositories(project: string): Promise<string[]>;
  /** Each image version of a repository; one entry per digest, with its tags. */
  listArtifacts(repository: string): Promise<RegistryArtifact[]>;
  /** Deletes one image version (all its tags) by digest. */
  deleteArtifact(repository: string, digest: string): Promise<void>;
}

/** @public */
export type RegistryCredentials = {
  username: string;
  password: string;
  /** The registry host the credentials are for. */
  serveraddress: string;
};

/** @public */
export type RegistryArtifact = {
  repository: string;
  digest: string;
  tags: string[];
  /** Compressed size of the config and every layer, as the manifest lists them. */
  sizeBytes: number;
  /** When the image was built (its config's `created`), if it says. */
  createdAt?: string;
  /** When it reached the registry, where the registry says (Harbor does). */
  pushedAt?: string;
  /** Vulnerability scan summary, where the registry reports one (Harbor). */
  scan?: {
    status: string;
    severity?: string;
    total?: number;
    fixable?: number;
  };
};

/**
 * The registry said no, or could not be reached. `reason` lets the UI and
 * the retry logic tell a refused login from an outage.
 *
 * @public
 */
export class RegistryError extends Error {
  readonly reason: 'unreachable' | 'unauthorized' | 'not-found' | 'rejected';

  constructor(reason: RegistryError['reason'], message: string) {
    super(message);
    this.name = 'RegistryError';
    this.reason = reason;
  }
}
