import { Knex } from 'knex';
import { newId } from './ids';
import { CommentRow } from './rows';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

export type CommentRecord = {
  id: string;
  postId: string;
  body: string;
  authorUsername: string;
  createdAt: string;
  updatedAt: string;
};

function toRecord(row: CommentRow): CommentRecord {
  return {
    id: row.id,
    postId: row.post_id,
    body: row.body,
    authorUsername: row.author_username,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Comments (replies) on posts. */
export class CommentStore {
  constructor(private readonly knex: Knex) {}

  async create(input: {
    postId: string;
    body: string;
    authorUsername: string;
  }): Promise<CommentRecord> {
    const now = nowIso();
    const row: CommentRow = {
      id: newId(),
      post_id: input.postId,
      body: input.body,
      author_username: input.authorUsername,
      created_at: now,
      updated_at: now,
    };
    await this.knex<CommentRow>('comments').insert(row);
    return toRecord(row);
  }

  async get(
    postId: string,
    commentId: string,
  ): Promise<CommentRecord | undefined> {
    const row = await this.knex<CommentRow>('comments')
      .where({ id: commentId, post_id: postId })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** Oldest first, as a conversation reads. */
  async list(postId: string): Promise<CommentRecord[]> {
    const rows = await this.knex<CommentRow>('comments')
      .where({ post_id: postId })
      .orderBy([
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  async updateBody(
    postId: string,
    commentId: string,
    body: string,
  ): Promise<CommentRecord | undefined> {
    await this.knex<CommentRow>('comments')
      .where({ id: commentId, post_id: postId })
      .update({ body, updated_at: nowIso() });
    return this.get(postId, commentId);
  }

  async delete(postId: string, commentId: string): Promise<boolean> {
    const count = await this.knex<CommentRow>('comments')
      .where({ id: commentId, post_id: postId })
      .delete();
    return count > 0;
  }
}
