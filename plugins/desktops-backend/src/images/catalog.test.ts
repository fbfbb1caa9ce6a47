import { mockServices } from '@backstage/backend-test-utils';
import { DEFAULT_DESKTOP_IMAGES, ImageCatalog } from './catalog';

describe('ImageCatalog', () => {
  it('offers the default desktop when nothing is configured', () => {
    const catalog = ImageCatalog.fromConfig(
      mockServices.rootConfig({ data: {} }),
    );
    expect(catalog.list()).toEqual(DEFAULT_DESKTOP_IMAGES);
    expect(catalog.get('linux-desktop')).toMatchObject({
      image: 'labstage/desktop:latest',
      resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
    });
    expect(catalog.get('other')).toBeUndefined();
  });

  it('reads configured images and fills in defaults', () => {
    const catalog = ImageCatalog.fromConfig(
      mockServices.rootConfig({
        data: {
          desktops: {
            images: [
              {
                id: 'python',
                title: 'Python lab',
                image: 'registry.local/labs/python:1.0',
                resources: { cpus: 2, memoryMiB: 4096 },
              },
            ],
          },
        },
      }),
    );
    expect(catalog.list()).toEqual([
      {
        id: 'python',
        title: 'Python lab',
        description: '',
        image: 'registry.local/labs/python:1.0',
        resources: { cpus: 2, memoryMiB: 4096, pids: 512 },
      },
    ]);
  });

  it('refuses a bad catalog with a message naming the entry', () => {
    const load = (images: unknown) => () =>
      ImageCatalog.fromConfig(
        mockServices.rootConfig({ data: { desktops: { images } } as any }),
      );
    expect(load([{ id: 'A b', title: 'x', image: 'x' }])).toThrow(
      'Invalid desktop image catalog in config: desktops.images[0].id: must be lowercase letters, digits and dashes',
    );
    expect(
      load([{ id: 'a', title: 'x', image: 'x', resources: { cpus: -1 } }]),
    ).toThrow('desktops.images[0].resources.cpus');
    expect(
      load([
        { id: 'a', title: 'x', image: 'x' },
        { id: 'a', title: 'y', image: 'y' },
      ]),
    ).toThrow('image ids must be unique');
    expect(load([])).toThrow('must list at least one image');
  });
});
