import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import {
  CourseEnvironment,
  DesktopResources,
  PublishEnvironmentRequest,
} from '@internal/backstage-plugin-desktops-common';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { SavedImages } from '../images/SavedImages';
import { LaunchImage, DesktopService } from '../service/DesktopService';
import {
  CourseEnvironmentRecord,
  DesktopRecord,
  DesktopsStore,
} from '../store';

/**
 * Whether a student's course desktop may start now (the weekly hour
 * quotas): throws, with the reason, when it may not.
 */
export interface CourseLaunchCheck {
  assertMayRun(owner: string, courseId: string, at: Date): Promise<void>;
}

/**
 * What a course desktop gets when the environment asks for nothing (also
 * what capacity planning counts for a course without an environment).
 */
export const DEFAULT_RESOURCES: DesktopResources = {
  cpus: 1,
  memoryMiB: 2048,
  pids: 512,
};

/**
 * Course environments: an instructor publishes one of their saved image
 * versions to a course; students launch their own desktop of it (one per
 * course, resumed on later launches) and update it to newer versions with
 * their home kept. Who may do what on the course is decided before these
 * calls, by the routes, against the courses plugin's permissions.
 */
export class CourseEnvironments {
  constructor(
    private readonly options: {
      store: DesktopsStore;
      service: DesktopService;
      images: SavedImages;
      /** Refuses a launch at the hour limit; none: no limit. */
      launchCheck?: CourseLaunchCheck;
    },
  ) {}

  /** Publishes the next version. The image must be the publisher's own. */
  async publish(
    courseId: string,
    publisher: string,
    request: PublishEnvironmentRequest,
  ): Promise<CourseEnvironment> {
    const image = await this.options.images.find(request.imageId);
    if (!image || image.owner !== publisher) {
      // Someone else's image id reads as missing: ids are not to be probed.
      throw new InputError('There is no image of yours with that id');
    }
    const record = await this.options.store.environments.publish({
      courseId,
      imageId: image.id,
      description: request.description ?? '',
      resources: request.resources ?? {},
      publishedBy: publisher,
      publishedAt: nowIso(),
    });
    return this.present(record);
  }

  async current(courseId: string): Promise<CourseEnvironment | undefined> {
    const record = await this.options.store.environments.latest(courseId);
    return record ? this.present(record) : undefined;
  }

  async versions(courseId: string): Promise<CourseEnvironment[]> {
    const records = await this.options.store.environments.versions(courseId);
    return Promise.all(records.map(r => this.present(r)));
  }

  async desktopOf(
    owner: string,
    courseId: string,
  ): Promise<DesktopRecord | undefined> {
    return this.options.store.desktops.findCourseDesktop(owner, courseId);
  }

  /** Every desktop of the course (the instructor's table). */
  async courseDesktops(courseId: string): Promise<DesktopRecord[]> {
    return this.options.store.desktops.listByCourse(courseId);
  }

  /**
   * The caller's course desktop: created from the current version on the
   * first launch, started again (same desktop, same home) after that.
   * Refused (409) when the hour quota says so (`launchCheck`).
   */
  async launch(
    owner: string,
    courseId: string,
    requestedAt: Date,
  ): Promise<{ desktop: DesktopRecord; created: boolean }> {
    const existing = await this.desktopOf(owner, courseId);
    // A desktop that already runs (or is starting) is not refused: the
    // hour check stops it at the limit, outside sessions.
    const starts =
      !existing || existing.state === 'stopped' || existing.state === 'error';
    if (starts) {
      await this.options.launchCheck?.assertMayRun(
        owner,
        courseId,
        requestedAt,
      );
    }
    if (existing) {
      if (existing.state === 'stopped' || existing.state === 'error') {
        return {
          desktop: await this.options.service.start(existing.id, requestedAt),
          created: false,
        };
      }
      return { desktop: existing, created: false };
    }
    const environment = await this.requireCurrent(courseId);
    try {
      const desktop = await this.options.service.createFromImage({
        owner,
        image: this.launchImage(environment),
        courseId,
        environmentVersion: environment.version,
        launch: true,
        requestedAt,
      });
      return { desktop, created: true };
    } catch (error) {
      // Two launches at once: the other one created it.
      if (error instanceof ConflictError) {
        const raced = await this.desktopOf(owner, courseId);
        if (raced) return { desktop: raced, created: false };
      }
      throw error;
    }
  }

  /** Moves a course desktop to the current version, home kept. */
  async update(desktop: DesktopRecord, requestedAt: Date) {
    if (!desktop.courseId) {
      throw new InputError('Only course desktops follow a course environment');
    }
    const environment = await this.requireCurrent(desktop.courseId);
    if (desktop.environmentVersion === environment.version) {
      throw new ConflictError(
        `The desktop already has the newest environment (version ${environment.version})`,
      );
    }
    return this.options.service.changeImage(
      desktop.id,
      {
        ...this.launchImage(environment),
        environmentVersion: environment.version,
      },
      requestedAt,
    );
  }

  /**
   * Stopped copies of a saved image, one per owner: nothing starts until
   * each person starts theirs. With a course, each becomes that person's
   * course desktop (people who already have one are reported, not copied
   * over).
   */
  async clone(input: {
    imageId: string;
    owners: string[];
    courseId?: string;
    requestedAt: Date;
  }): Promise<{ created: DesktopRecord[]; skipped: string[] }> {
    const image = await this.options.images.get(input.imageId);
    const launchImage: LaunchImage = {
      imageId: image.id,
      imageRef: this.options.images.refOf(image),
      imageTitle: image.name,
      resources: DEFAULT_RESOURCES,
    };
    const created: DesktopRecord[] = [];
    const skipped: string[] = [];
    for (const owner of input.owners) {
      try {
        created.push(
          await this.options.service.createFromImage({
            owner,
            image: launchImage,
            courseId: input.courseId ?? null,
            launch: false,
            requestedAt: input.requestedAt,
          }),
        );
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
        skipped.push(owner);
      }
    }
    return { created, skipped };
  }

  private async requireCurrent(courseId: string): Promise<CourseEnvironment> {
    const environment = await this.current(courseId);
    if (!environment) {
      throw new NotFoundError(
        'This course has no environment yet; your instructor has to publish one',
      );
    }
    return environment;
  }

  private launchImage(environment: CourseEnvironment): LaunchImage {
    return {
      imageId: environment.imageId,
      imageRef: environment.imageRef,
      imageTitle: `Course environment v${environment.version}`,
      resources: environment.resources,
    };
  }

  private async present(
    record: CourseEnvironmentRecord,
  ): Promise<CourseEnvironment> {
    const image = await this.options.images.find(record.imageId);
    if (!image) {
      // The foreign key keeps published images; this is a broken database.
      throw new Error(
        `Environment version ${record.version} points at a missing image`,
      );
    }
    return {
      courseId: record.courseId,
      version: record.version,
      imageId: record.imageId,
      imageRef: this.options.images.refOf(image),
      description: record.description,
      resources: { ...DEFAULT_RESOURCES, ...record.resources },
      publishedBy: record.publishedBy,
      publishedAt: record.publishedAt,
    };
  }
}
