/**
 * Labstage desktops backend: lifecycle service, REST API, reconciler and
 * display gateway. Runtime modules build on
 * `@internal/backstage-plugin-desktops-node`, never on this package.
 *
 * @packageDocumentation
 */

export { desktopsPlugin as default } from './plugin';
