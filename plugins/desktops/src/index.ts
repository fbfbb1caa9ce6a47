/**
 * Labstage desktops frontend.
 *
 * @packageDocumentation
 */

export { desktopsPlugin as default } from './plugin';
export { MyDesktopsCard } from './components/HomeCards/MyDesktopsCard';
export {
  desktopsApiRef,
  DesktopsClient,
  type DesktopsApi,
  type DownloadedFile,
} from './api/DesktopsClient';
