import { classify } from '../../networks/errors';
import { messageText } from '../../../shared/core/messages';
import type { PublishPort as Adapter, AdapterContext, PostContent } from '../../networks/types';
import type { PublicationRow } from '../dto';
import type { RunContext } from './context';

/** The first-comment job: a reply under a post that went out; its failure is recorded on the post, which stays published. */
export function createFirstCommentJob(run: RunContext) {
  const { store, stamp } = run;

  return async function firstComment(
    row: PublicationRow,
    adapter: Adapter,
    ctx: AdapterContext,
    content: PostContent,
    parent: Awaited<ReturnType<Adapter['publish']>>,
    attemptId: string
  ) {
    if (!content.firstComment?.trim() || !adapter.reply) return;
    try {
      const reply = await adapter.reply(ctx, parent, content.firstComment, attemptId);
      await store.appendHistory(row.id, { at: stamp(), event: 'first_comment', message: reply.url ?? reply.externalId });
    } catch (error) {
      const err = classify(error);
      await store.apply('note_first_comment', row.id, {
        patch: { errorCode: 'first_comment_failed', lastError: messageText('first_comment_failed', { detail: err.message }) },
      });
      await store.appendHistory(row.id, { at: stamp(), event: 'first_comment_failed', code: err.code, message: err.message });
    }
  };
}
