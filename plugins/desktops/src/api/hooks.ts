import {
  CoreApis,
  usePluginApi,
} from '@internal/backstage-plugin-labstage-react';
import { DesktopsApi, DesktopsClient, desktopsApiRef } from './DesktopsClient';

const createClient = (apis: CoreApis) => new DesktopsClient(apis);

/**
 * The desktops API: the registered one when the desktops plugin is
 * installed, else a client built from core APIs (so the home card works
 * anywhere).
 */
export function useDesktopsApi(): DesktopsApi {
  return usePluginApi(desktopsApiRef, createClient);
}
