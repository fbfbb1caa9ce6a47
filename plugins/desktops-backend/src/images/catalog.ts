import { RootConfigService } from '@backstage/backend-plugin-api';
import { DesktopImage } from '@internal/backstage-plugin-desktops-common';
import { z } from 'zod';

/** The image used when `desktops.images` is not configured. */
export const DEFAULT_DESKTOP_IMAGES: DesktopImage[] = [
  {
    id: 'linux-desktop',
    title: 'Linux desktop',
    description: 'A Debian desktop with a terminal and a window manager.',
    image: 'labstage/desktop:latest',
    resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
  },
];

const resourcesSchema = z.strictObject({
  cpus: z.number().positive().max(64).default(1),
  memoryMiB: z.number().int().min(256).max(262144).default(1536),
  pids: z.number().int().min(64).max(65536).default(512),
});

const imageSchema = z.strictObject({
  id: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{0,62}$/,
      'must be lowercase letters, digits and dashes',
    ),
  title: z.string().trim().min(1).max(200),
  description: z.string().max(2000).default(''),
  // An OCI reference: [registry/]name[:tag][@digest], no whitespace.
  image: z
    .string()
    .regex(/^[a-z0-9][^\s]{0,499}$/, 'must be an image reference'),
  resources: resourcesSchema.default({ cpus: 1, memoryMiB: 1536, pids: 512 }),
});

const catalogSchema = z
  .array(imageSchema)
  .min(1, 'must list at least one image')
  .refine(images => new Set(images.map(i => i.id)).size === images.length, {
    message: 'image ids must be unique',
  });

/** The catalog of launchable images (`desktops.images`). */
export class ImageCatalog {
  private constructor(private readonly images: DesktopImage[]) {}

  /**
   * Reads and validates `desktops.images`; throws a message naming the
   * offending entry so a bad config stops the backend at startup.
   */
  static fromConfig(config: RootConfigService): ImageCatalog {
    const raw = config.getOptional('desktops.images');
    if (raw === undefined) {
      return new ImageCatalog(DEFAULT_DESKTOP_IMAGES);
    }
    const result = catalogSchema.safeParse(raw);
    if (!result.success) {
      const details = result.error.issues
        .map(issue => {
          const where = ['desktops.images', ...issue.path]
            .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '');
          return `${where}: ${issue.message}`;
        })
        .join('; ');
      throw new Error(`Invalid desktop image catalog in config: ${details}`);
    }
    return new ImageCatalog(result.data);
  }

  static of(images: DesktopImage[]): ImageCatalog {
    return new ImageCatalog(images);
  }

  list(): DesktopImage[] {
    return this.images;
  }

  get(id: string): DesktopImage | undefined {
    return this.images.find(image => image.id === id);
  }
}
