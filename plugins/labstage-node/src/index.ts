/**
 * Backend helpers shared by every Labstage plugin (one copy each). Test
 * helpers are under the `testUtils` entry point.
 *
 * @packageDocumentation
 */

/** The plugin id this family of shared packages goes by. */
export const LABSTAGE_PLUGIN_FAMILY = 'labstage';
