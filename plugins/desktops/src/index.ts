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
  type DesktopList,
  type DownloadedFile,
  type UploadedFile,
} from './api/DesktopsClient';
