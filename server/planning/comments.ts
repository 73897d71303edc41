import type { Strapi, Row } from '../core/strapi';
import { UID } from '../../content-types';
import { HttpError, notFound } from '../core/errors';
import { serverMessage } from '../../shared/core/messages';
import { toPostComment, type PostComment } from './dto';

interface Commenter {
  id: number;
  name: string;
}

/**
 * Internal comments on a post: the conversation between authors and reviewers,
 * apart from the trail (which records what happened) and never sent to a network.
 * A comment is its own row so two people commenting at once never overwrite each other.
 */
export function commentMethods(strapi: Strapi, findRow: (documentId: string) => Promise<Row>) {
  const rows = () => strapi.db.query(UID.postComment);

  return {
    async listComments(documentId: string): Promise<PostComment[]> {
      await findRow(documentId);
      const found = (await rows().findMany({ where: { postPlan: documentId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })) as Row[];
      return found.map(toPostComment);
    },

    async addComment(documentId: string, body: string, by: Commenter): Promise<PostComment> {
      await findRow(documentId);
      const row = (await rows().create({ data: { postPlan: documentId, body, authorId: by.id, authorName: by.name } })) as Row;
      return toPostComment(row);
    },

    /** Only the author removes a comment: a reviewer's remark stays until its writer takes it back. */
    async deleteComment(documentId: string, commentId: number, by: Commenter): Promise<{ id: number }> {
      await findRow(documentId);
      const row = (await rows().findOne({ where: { id: commentId, postPlan: documentId } })) as Row | null;
      if (!row) throw notFound('Comment');
      if (Number(row.authorId) !== by.id) throw new HttpError(403, 'not_your_comment', serverMessage('not_your_comment'));
      await rows().delete({ where: { id: commentId } });
      return { id: commentId };
    },
  };
}
