/**
 * The `{ items }` body every Labstage list endpoint answers with. Servers
 * declare their answers with it (`satisfies ListResponse<T>`) and clients
 * read them with it, so the two can't drift apart unnoticed.
 *
 * @public
 */
export type ListResponse<T> = { items: T[] };
