/**
 * Backend helpers shared by every Labstage plugin (one copy each). So far
 * there are only test helpers, under the `testUtils` entry point; runtime
 * helpers (body validation, content disposition) move here next.
 *
 * @packageDocumentation
 */
export {};
