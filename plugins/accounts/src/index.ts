/**
 * Labstage accounts frontend: sign-in / sign-up page, admin users page and
 * the "My account" page.
 *
 * @packageDocumentation
 */

export { accountsPlugin as default } from './plugin';
export { LabstageSignInPage } from './components/SignInPage/LabstageSignInPage';
