import { DesktopResource } from '@internal/backstage-plugin-desktops-node';
import { DesktopService } from '../service/DesktopService';
import { DesktopRecord } from '../store';

/** The permission resource of a desktop record. */
function desktopResource(d: DesktopRecord): DesktopResource {
  // Shares and course instructors are not loaded yet: those conditions
  // fail closed until they are.
  return {
    id: d.id,
    owner: d.owner,
    courseId: d.courseId,
    shares: [],
    courseInstructors: [],
  };
}

/** Resources for desktops a request has already loaded, by id. */
export function desktopResources(
  desktops: DesktopRecord[],
): Map<string, DesktopResource> {
  return new Map(desktops.map(d => [d.id, desktopResource(d)]));
}

/** Loads desktops as permission resources, in the order asked for. */
export async function loadDesktopResources(
  service: DesktopService,
  ids: string[],
): Promise<Array<DesktopResource | undefined>> {
  const found = await service.findMany([...new Set(ids)]);
  const byId = new Map(found.map(d => [d.id, d]));
  return ids.map(id => {
    const d = byId.get(id);
    return d ? desktopResource(d) : undefined;
  });
}
