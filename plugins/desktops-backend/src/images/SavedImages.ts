import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import {
  BuildImageRequest,
  ImageSave,
  SavedImage,
  SaveImageRequest,
} from '@internal/backstage-plugin-desktops-common';
import {
  DesktopRuntime,
  ImageRegistry,
  RegistryCredentials,
  RegistryError,
} from '@internal/backstage-plugin-desktops-node';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { randomUUID } from 'node:crypto';
import {
  nextVersionTag,
  personalRepository,
  projectOf,
  pullCredentialsFor,
  repositoryInRegistry,
} from '../registry/imageReferences';
import { DesktopRecord, DesktopsStore, SavedImageRecord } from '../store';
import { ImageCatalog } from './catalog';
import { ImageSaves } from './ImageSaves';

/** How the runtime's save steps read as save phases. */
const SAVE_PHASES = {
  commit: 'committing',
  home: 'copying-home',
  push: 'pushing',
} as const;

/** Image label naming the desktop an image was saved from. */
const LABEL_SAVED_FROM = 'org.labstage.saved-from';

/**
 * Saved images: saving a desktop (system and home) as a version in the
 * registry, building one from a base and a Dockerfile fragment, listing and
 * deleting them. The registry holds the bytes; the `desktop_saved_images`
 * table says whose each version is, which is what authorization reads.
 */
export class SavedImages {
  constructor(
    private readonly options: {
      store: DesktopsStore;
      runtime: DesktopRuntime;
      registry?: ImageRegistry;
      catalog: ImageCatalog;
      saves: ImageSaves;
      logger: LoggerService;
    },
  ) {}

  /**
   * Starts saving `desktop`; resolves once the save is accepted, and the
   * save itself runs on (see `ImageSaves`). The desktop keeps running and is
   * left as it was whatever happens.
   */
  async startSave(
    desktop: DesktopRecord,
    request: SaveImageRequest,
  ): Promise<ImageSave> {
    // No registry is the first thing to say: nothing else can be fixed then.
    this.requireRegistry();
    const { runtime } = this.options;
    if (!runtime.saveImage) {
      throw new ServiceUnavailableError(
        `The ${runtime.kind} runtime cannot save desktops as images`,
      );
    }
    if (desktop.state === 'pending' || desktop.state === 'starting') {
      throw new ConflictError(
        'The desktop is starting; save it once it is running',
      );
    }
    if (!desktop.runtimeHandle && desktop.state !== 'running') {
      throw new ConflictError(
        'This desktop has never run, so there is nothing to save yet; start it first',
      );
    }
    return this.startPush(
      {
        owner: desktop.owner,
        name: request.name,
        requestedTag: request.tag,
        savedFromDesktopId: desktop.id,
      },
      (target, save) =>
        runtime.saveImage!(desktop.id, {
          ...target,
          labels: { [LABEL_SAVED_FROM]: desktop.id },
          onProgress: ({ step, detail }) =>
            this.options.saves.progress(save.id, SAVE_PHASES[step], detail),
        }),
    );
  }

  /** Starts building an image for `owner` from a base and a fragment/files. */
  async startBuild(
    owner: string,
    request: BuildImageRequest,
  ): Promise<ImageSave> {
    const registry = this.requireRegistry();
    const { runtime } = this.options;
    if (!runtime.buildImage) {
      throw new ServiceUnavailableError(
        `The ${runtime.kind} runtime cannot build images`,
      );
    }
    const base = await this.resolveBase(owner, request.base);
    return this.startPush(
      {
        owner,
        name: request.name,
        requestedTag: request.tag,
        savedFromDesktopId: null,
      },
      async (target, save) =>
        runtime.buildImage!({
          ...target,
          base,
          baseCredentials: await pullCredentialsFor(registry, base),
          dockerfile: request.dockerfile,
          files: request.files ?? [],
          labels: {},
          onProgress: ({ step, detail }) =>
            this.options.saves.progress(
              save.id,
              step === 'build' ? 'building' : 'pushing',
              detail,
            ),
        }),
    );
  }

  /** The owner's images, newest first, with the courses using them. */
  async listByOwner(owner: string): Promise<SavedImage[]> {
    const records = await this.options.store.savedImages.listByOwner(owner);
    return this.present(records);
  }

  async get(id: string): Promise<SavedImage> {
    const record = await this.options.store.savedImages.get(id);
    if (!record) throw new NotFoundError('No such image');
    return (await this.present([record]))[0];
  }

  /** Undefined instead of a 404, for checks that hide others' images. */
  async find(id: string): Promise<SavedImage | undefined> {
    const record = await this.options.store.savedImages.get(id);
    return record ? (await this.present([record]))[0] : undefined;
  }

  /**
   * Deletes one version from the registry and the index. Refused while a
   * course environment uses it: students' launches and updates pull it.
   */
  async delete(image: SavedImage): Promise<void> {
    if (image.usedBy.length > 0) {
      const versions = image.usedBy
        .map(u => `version ${u.version} of course ${u.courseId}`)
        .join(', ');
      throw new ConflictError(
        `This image is published as a course environment (${versions}); it cannot be deleted while a course uses it`,
      );
    }
    const registry = this.requireRegistry();
    try {
      await registry.deleteArtifact(image.repository, image.digest);
    } catch (error) {
      // Already gone from the registry: the index entry is all that is left.
      if (!(error instanceof RegistryError && error.reason === 'not-found')) {
        throw error;
      }
    }
    await this.options.store.savedImages.delete(image.id);
  }

  /** The full reference of a saved image, as desktops are created from. */
  refOf(image: Pick<SavedImage, 'repository' | 'tag'>): string {
    return `${this.requireRegistry().host}/${image.repository}:${image.tag}`;
  }

  private requireRegistry(): ImageRegistry {
    if (!this.options.registry) {
      throw new ServiceUnavailableError(
        'No image registry is configured (desktops.registry), so images cannot be saved',
      );
    }
    return this.options.registry;
  }

  private async newVersion(
    owner: string,
    name: string,
    requestedTag: string | undefined,
  ): Promise<{ repository: string; tag: string }> {
    const repository = personalRepository(
      this.requireRegistry().personalProject,
      owner,
      name,
    );
    const tags = await this.options.store.savedImages.tagsOf(repository);
    if (requestedTag && tags.includes(requestedTag)) {
      throw new ConflictError(
        `${name}:${requestedTag} already exists; choose another version`,
      );
    }
    return { repository, tag: requestedTag ?? nextVersionTag(tags) };
  }

  /**
   * A build's base: a catalog image id, one of the owner's saved image ids,
   * or a reference in the configured registry to one of the owner's images.
   * Anything else (another registry, someone else's image) is refused.
   */
  private async resolveBase(owner: string, base: string): Promise<string> {
    const fromCatalog = this.options.catalog.get(base);
    if (fromCatalog) return fromCatalog.image;
    const registry = this.requireRegistry();
    const own = await this.options.store.savedImages.listByOwner(owner);
    const byId = own.find(i => i.id === base);
    if (byId) return this.refOf(byId);
    if (base.includes('/')) {
      const repository = repositoryInRegistry(registry, base);
      if (repository === undefined) {
        throw new InputError(
          `The base image must be in the configured registry ${registry.host}, a catalog image id or one of your saved image ids`,
        );
      }
      const mine = own.find(
        i =>
          base === this.refOf(i) ||
          base === `${registry.host}/${i.repository}@${i.digest}`,
      );
      if (!mine) {
        throw new NotAllowedError(
          'The base image is not one of your saved images',
        );
      }
      return base;
    }
    throw new InputError(
      `There is no catalog image or saved image '${base}' to build from`,
    );
  }

  /**
   * What saving and building share: picks the version, registers the save,
   * and in the background makes sure the project exists, lets `push` make
   * and push the image with the project's push credentials, then records
   * it in the index.
   */
  private async startPush(
    version: {
      owner: string;
      name: string;
      requestedTag: string | undefined;
      savedFromDesktopId: string | null;
    },
    push: (
      target: {
        repository: string;
        tag: string;
        credentials: RegistryCredentials;
      },
      save: ImageSave,
    ) => Promise<{ reference: string; digest: string }>,
  ): Promise<ImageSave> {
    const registry = this.requireRegistry();
    const { owner, name, savedFromDesktopId } = version;
    const { repository, tag } = await this.newVersion(
      owner,
      name,
      version.requestedTag,
    );
    const { saves, store, logger } = this.options;
    const save = saves.begin({
      owner,
      desktopId: savedFromDesktopId,
      repository,
      tag,
    });
    void (async () => {
      try {
        const project = projectOf(repository);
        await registry.ensureProject(project);
        const { digest } = await push(
          {
            repository: `${registry.host}/${repository}`,
            tag,
            credentials: await registry.pushCredentials(project),
          },
          save,
        );
        saves.progress(save.id, 'recording');
        const saved = await store.savedImages.insert({
          id: randomUUID(),
          owner,
          name,
          repository,
          tag,
          digest,
          sizeBytes: await this.sizeOf(repository, digest),
          savedFromDesktopId,
          createdAt: nowIso(),
        });
        saves.succeed(save.id, (await this.present([saved]))[0]);
        logger.info(`Saved ${repository}:${tag} (${digest}) for ${owner}`);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        logger.warn(`Saving ${repository}:${tag} failed: ${message}`);
        saves.fail(save.id, message);
      }
    })();
    return save;
  }

  /** Compressed size as the registry reports it; 0 if it can't say. */
  private async sizeOf(repository: string, digest: string): Promise<number> {
    try {
      const artifacts = await this.requireRegistry().listArtifacts(repository);
      return artifacts.find(a => a.digest === digest)?.sizeBytes ?? 0;
    } catch (error) {
      this.options.logger.warn(
        `Reading the size of ${repository}@${digest} failed: ${error}`,
      );
      return 0;
    }
  }

  private async present(records: SavedImageRecord[]): Promise<SavedImage[]> {
    const usage = await this.options.store.savedImages.usage(
      records.map(r => r.id),
    );
    return records.map(r => ({
      id: r.id,
      owner: r.owner,
      name: r.name,
      repository: r.repository,
      tag: r.tag,
      ref: this.options.registry
        ? `${this.options.registry.host}/${r.repository}:${r.tag}`
        : `${r.repository}:${r.tag}`,
      digest: r.digest,
      sizeBytes: r.sizeBytes,
      createdAt: r.createdAt,
      savedFromDesktopId: r.savedFromDesktopId,
      usedBy: usage.get(r.id) ?? [],
    }));
  }
}
