/**
 * Labstage local accounts for the auth plugin: sign-up/sign-in, sessions,
 * user management and the `labstage` proxy sign-in provider.
 *
 * @packageDocumentation
 */

export { authModuleLabstageProvider as default } from './module';
