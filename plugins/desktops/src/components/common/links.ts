import { useRouteRef } from '@backstage/frontend-plugin-api';
import { desktopRouteRef, rootRouteRef } from '../../routes';

/** Builds the viewer link of a desktop. */
export function useDesktopLink(): (desktopId: string) => string {
  const desktopRoute = useRouteRef(desktopRouteRef);
  return desktopId =>
    desktopRoute
      ? desktopRoute({ desktopId })
      : `/desktops/${encodeURIComponent(desktopId)}`;
}

export function useDesktopsLink(): string {
  const root = useRouteRef(rootRouteRef);
  return root ? root() : '/desktops';
}
