import { DesktopResource } from '@internal/backstage-plugin-desktops-node';
import { DesktopService } from '../service/DesktopService';

/** Loads desktops as permission resources, in the order asked for. */
export async function loadDesktopResources(
  service: DesktopService,
  ids: string[],
): Promise<Array<DesktopResource | undefined>> {
  const found = await service.findMany([...new Set(ids)]);
  const byId = new Map(found.map(d => [d.id, d]));
  return ids.map(id => {
    const d = byId.get(id);
    return d ? { id: d.id, owner: d.owner, courseId: d.courseId } : undefined;
  });
}
