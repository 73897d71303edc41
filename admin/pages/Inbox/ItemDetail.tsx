import * as React from 'react';
import { fillSavedReply } from '../../../shared/inbox/rules';
import {
  Badge,
  Box,
  Button,
  Checkbox,
  Divider,
  Field,
  Flex,
  Link,
  Loader,
  SingleSelect,
  SingleSelectOption,
  Textarea,
  TextInput,
  Typography,
} from '@strapi/design-system';
import { ExternalLink, Message, Plus } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl, type IntlShape } from 'react-intl';
import { httpUrlOrNull } from '../../../shared/core/safe-url';
import { LONG_TEXT_STYLE } from '../../components/LongText';
import { RelativeTime } from '../../components/RelativeTime';
import { TagInput } from '../../components/TagInput';
import { getTrad } from '../../utils/getTrad';
import { useApiError } from '../../utils/serverMessages';
import {
  useAssignees,
  useInboxContext,
  useInboxMutation,
  useInboxThread,
  useSavedReplies,
  type InboxItem,
  type InboxItemContext,
  type InboxStatus,
  type SentimentLabel,
  type SiteCommentAction,
  type SiteCommentState,
} from './api';
import { m } from './messages';

/** strapi-plugin-comments' source (COMMENTS_SOURCE of shared/inbox/contract.ts, whose zod the admin does not load). */
const COMMENTS_SOURCE = 'comments';

/** The statuses, in the order people move an item through them (shared/inbox/contract.ts says which exist). */
const STATUSES: InboxStatus[] = ['new', 'assigned', 'waiting', 'done', 'hidden', 'spam'];

export const statusLabel = (formatMessage: IntlShape['formatMessage'], status: InboxStatus) => formatMessage(m[status]);

const SENTIMENT_COLOURS: Record<SentimentLabel, { backgroundColor: string; textColor: string }> = {
  positive: { backgroundColor: 'success100', textColor: 'success700' },
  neutral: { backgroundColor: 'neutral150', textColor: 'neutral700' },
  negative: { backgroundColor: 'danger100', textColor: 'danger700' },
};

export const SentimentBadge = ({ label }: { label: SentimentLabel }) => {
  const { formatMessage } = useIntl();
  return <Badge {...SENTIMENT_COLOURS[label]}>{formatMessage(m[label])}</Badge>;
};

const REPLY_STATES = { sent: m.replySent, failed: m.replyFailed, unknown: m.replyUnknown, sending: m.replySending } as const;

/** A new id for what the reply box is about to send: sending it twice sends once (server/inbox/service.ts). */
const newRequestId = () => `rb-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;

/** The text as text: never the network's HTML, so nothing a commenter wrote can run here. */
const PlainText = ({ text }: { text: string }) => (
  <Typography tag="p" style={{ ...LONG_TEXT_STYLE, whiteSpace: 'pre-wrap' }}>
    {text}
  </Typography>
);

const APPROVAL: Record<string, { label: { id: string; defaultMessage: string }; colours: { backgroundColor: string; textColor: string } }> =
  {
    PENDING: { label: m.approvalPending, colours: { backgroundColor: 'warning100', textColor: 'warning700' } },
    APPROVED: { label: m.approvalApproved, colours: { backgroundColor: 'success100', textColor: 'success700' } },
    REJECTED: { label: m.approvalRejected, colours: { backgroundColor: 'danger100', textColor: 'danger700' } },
  };

/**
 * A strapi-plugin-comments comment: its state as that plugin stores it, and
 * that plugin's own actions in place of a network's (the server calls its
 * admin service, server/inbox/sources/comments-plugin.ts). The plugin blocks
 * a comment or a whole thread; it has no author block, and the pane says so
 * rather than offering one it cannot keep.
 */
const SiteCommentActions = ({ documentId, state, canAct }: { documentId: string; state: SiteCommentState | null; canAct: boolean }) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const moderate = useInboxMutation((api, action: SiteCommentAction) => api.moderate(documentId, action));
  const act = (action: SiteCommentAction) =>
    moderate.mutate(action, {
      onSuccess: () => toggleNotification({ type: 'success', message: formatMessage(m.moderated) }),
      onError: (error) => toggleNotification({ type: 'danger', message: readError(error).message }),
    });
  const approval = state?.approvalStatus ? APPROVAL[state.approvalStatus] : undefined;
  return (
    <Box data-testid="inbox-site-comment">
      <Typography variant="sigma" textColor="neutral600">
        {formatMessage(m.siteHeading)}
      </Typography>
      {state ? (
        <Flex gap={2} wrap="wrap" paddingTop={2}>
          {approval ? (
            <Badge {...approval.colours}>{formatMessage(approval.label)}</Badge>
          ) : (
            <Badge>{state.approvalStatus ?? formatMessage(m.approvalNone)}</Badge>
          )}
          {state.blocked ? <Badge {...APPROVAL.REJECTED.colours}>{formatMessage(m.siteBlocked)}</Badge> : null}
          {state.blockedThread ? <Badge {...APPROVAL.REJECTED.colours}>{formatMessage(m.siteBlockedThread)}</Badge> : null}
          {state.removed ? <Badge>{formatMessage(m.siteRemoved)}</Badge> : null}
        </Flex>
      ) : (
        <Typography tag="p" textColor="neutral600">
          {formatMessage(m.siteGone)}
        </Typography>
      )}
      {state && canAct ? (
        <Flex gap={2} wrap="wrap" paddingTop={2}>
          <Button
            variant="success-light"
            disabled={state.approvalStatus === 'APPROVED' || moderate.isPending}
            onClick={() => act('approve')}
          >
            {formatMessage(m.approve)}
          </Button>
          <Button variant="danger-light" disabled={state.approvalStatus === 'REJECTED' || moderate.isPending} onClick={() => act('reject')}>
            {formatMessage(m.reject)}
          </Button>
          <Button variant="tertiary" disabled={moderate.isPending} onClick={() => act(state.blocked ? 'unblock' : 'block')}>
            {formatMessage(state.blocked ? m.unblock : m.block)}
          </Button>
          <Button
            variant="tertiary"
            disabled={moderate.isPending}
            onClick={() => act(state.blockedThread ? 'unblock_thread' : 'block_thread')}
          >
            {formatMessage(state.blockedThread ? m.unblockThread : m.blockThread)}
          </Button>
        </Flex>
      ) : null}
      <Typography tag="p" variant="pi" textColor="neutral600">
        {formatMessage(m.noAuthorBlock)}
      </Typography>
    </Box>
  );
};

/** One post of the conversation, as text: what a commenter wrote never runs here. */
const ContextPost = ({ post }: { post: InboxItemContext['ancestors'][number] }) => {
  const { formatMessage } = useIntl();
  const link = httpUrlOrNull(post.url);
  const who = post.author.name || post.author.handle || formatMessage(m.unknownAuthor);
  return (
    <Box padding={2} background={post.ours ? 'primary100' : 'neutral100'} hasRadius>
      <Flex gap={2} wrap="wrap">
        <Typography variant="pi" fontWeight="bold">
          {who}
        </Typography>
        {post.ours ? <Badge>{formatMessage(m.contextOurs)}</Badge> : null}
        {post.postedAt ? <RelativeTime date={post.postedAt} /> : null}
        {link ? (
          <Link href={link} isExternal>
            {formatMessage(m.viewOriginal)}
          </Link>
        ) : null}
      </Flex>
      <PlainText text={post.text} />
    </Box>
  );
};

/** The thread the item belongs to, read from its source when it is opened: what it answers, it, and the answers under it. */
const ThreadContext = ({ context }: { context: ReturnType<typeof useInboxContext> }) => {
  const { formatMessage } = useIntl();
  const readError = useApiError();
  return (
    <Box data-testid="inbox-context">
      <Typography variant="sigma" textColor="neutral600">
        {formatMessage(m.contextHeading)}
      </Typography>
      {context.isPending ? (
        <Loader small />
      ) : context.isError ? (
        <Typography tag="p" textColor="danger600">
          {readError(context.error).message}
        </Typography>
      ) : (
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
          {context.data.post?.title ? (
            <Typography tag="p">{formatMessage(m.contextAbout, { title: context.data.post.title })}</Typography>
          ) : null}
          {!context.data.supported ? (
            <Typography tag="p" textColor="neutral600">
              {formatMessage(m.contextNone)}
            </Typography>
          ) : !context.data.ancestors.length && !context.data.descendants.length ? (
            <Typography tag="p" textColor="neutral600">
              {formatMessage(m.contextEmpty)}
            </Typography>
          ) : (
            <>
              {context.data.ancestors.map((post) => (
                <ContextPost key={post.externalId} post={post} />
              ))}
              {/* Where the item sits in the thread; its text is shown above, once. */}
              <Box>
                <Badge backgroundColor="primary100" textColor="primary700">
                  {formatMessage(m.contextThisItem)}
                </Badge>
              </Box>
              {context.data.descendants.map((post) => (
                <ContextPost key={post.externalId} post={post} />
              ))}
            </>
          )}
        </Flex>
      )}
    </Box>
  );
};

/** `{author}` and `{post_url}` of a saved reply, filled for this item (as the rules' auto-replies fill them). */
const fill = (body: string, item: InboxItem) => fillSavedReply(body, item);

/** One item with its conversation, what the team knows of it, and the reply box. */
export const ItemDetail = ({ documentId, canAct }: { documentId: string; canAct: boolean }) => {
  const { formatMessage, locale } = useIntl();
  const readError = useApiError();
  const { toggleNotification } = useNotification();
  const thread = useInboxThread(documentId);
  const context = useInboxContext(documentId);
  const assignees = useAssignees();
  const saved = useSavedReplies();
  const [reply, setReply] = React.useState('');
  const [requestId, setRequestId] = React.useState(newRequestId);
  const [note, setNote] = React.useState('');
  const [savedName, setSavedName] = React.useState('');
  const fail = (error: unknown) => toggleNotification({ type: 'danger', message: readError(error).message });

  const setStatus = useInboxMutation((api, status: InboxStatus) => api.setStatus(documentId, status));
  const assign = useInboxMutation((api, id: number | null) => api.assign(documentId, id));
  const setTags = useInboxMutation((api, tags: string[]) => api.setTags(documentId, tags));
  const addNote = useInboxMutation((api, text: string) => api.addNote(documentId, text));
  const setSentiment = useInboxMutation((api, label: SentimentLabel | null) => api.setSentiment(documentId, label));
  const send = useInboxMutation((api, v: { text: string; requestId: string; then: 'waiting' | 'done' }) =>
    api.reply(documentId, v.text, v.requestId, v.then)
  );
  // Answered is handled: the item leaves "To handle" unless kept open for the author's answer.
  const [keepOpen, setKeepOpen] = React.useState(false);
  const resend = useInboxMutation((api) => api.resend(documentId));
  const hide = useInboxMutation((api, hidden: boolean) => api.hide(documentId, hidden));
  const saveReply = useInboxMutation((api, v: { name: string; body: string }) =>
    api.savedReplies.create({ name: v.name, body: v.body, language: null })
  );

  React.useEffect(() => {
    setReply('');
    setNote('');
    setRequestId(newRequestId());
  }, [documentId]);

  if (thread.isPending) return <Loader small />;
  if (thread.isError) return <Typography textColor="danger600">{readError(thread.error).message}</Typography>;
  const { item, thread: others } = thread.data;
  const isSiteComment = item.source === COMMENTS_SOURCE;
  // The stored items of the thread stand in when the source gives no thread (or could not now).
  const showStored = others.length > 0 && (context.isError || (context.isSuccess && !context.data.supported));
  const profile = httpUrlOrNull(item.author.profileUrl);
  const original = httpUrlOrNull(item.url);
  const ourPost = httpUrlOrNull(item.publication?.url);
  const language = (item.language ?? locale).slice(0, 2);
  const savedReplies = (saved.data ?? []).filter((s) => !s.language || s.language.slice(0, 2) === language);

  return (
    <Flex direction="column" alignItems="stretch" gap={4} data-testid="inbox-detail">
      <Flex gap={2} wrap="wrap" alignItems="center">
        {profile ? (
          <Link href={profile} isExternal>
            {item.author.name || item.author.handle || formatMessage(m.unknownAuthor)}
          </Link>
        ) : (
          <Typography fontWeight="bold">{item.author.name || item.author.handle || formatMessage(m.unknownAuthor)}</Typography>
        )}
        {item.author.handle && item.author.name ? <Typography textColor="neutral600">{item.author.handle}</Typography> : null}
        <Badge>{formatMessage(item.kind === 'site_comment' ? m.siteComment : m[item.kind])}</Badge>
        <RelativeTime date={item.postedAt} />
      </Flex>
      <PlainText text={item.text} />
      <Flex gap={3} wrap="wrap">
        {original ? (
          <Link href={original} isExternal endIcon={<ExternalLink />}>
            {formatMessage(m.viewOriginal)}
          </Link>
        ) : null}
        {ourPost ? (
          <Link href={ourPost} isExternal>
            {formatMessage(m.ourPost)}
          </Link>
        ) : null}
      </Flex>

      <ThreadContext context={context} />

      {showStored ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage(m.thread)}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
            {others.map((other) => (
              <Box key={other.documentId} padding={2} background="neutral100" hasRadius>
                <Typography variant="pi" fontWeight="bold">
                  {other.author.name || other.author.handle || formatMessage(m.unknownAuthor)}
                </Typography>
                <PlainText text={other.text} />
              </Box>
            ))}
          </Flex>
        </Box>
      ) : null}

      {item.replies.length ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage(m.ourReplies)}
          </Typography>
          <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
            {item.replies.map((r) => (
              <Box key={r.attemptId} padding={2} background="primary100" hasRadius>
                <Flex gap={2}>
                  <Badge>{formatMessage(REPLY_STATES[r.state])}</Badge>
                  <RelativeTime date={r.at} />
                </Flex>
                <PlainText text={r.text} />
                {r.error ? <Typography textColor="danger600">{r.error}</Typography> : null}
              </Box>
            ))}
          </Flex>
          {item.firstResponseMs !== null ? (
            <Typography variant="pi" textColor="neutral600">
              {formatMessage(m.firstResponse, { minutes: Math.round(item.firstResponseMs / 60_000) })}
            </Typography>
          ) : null}
        </Box>
      ) : null}

      <Divider />
      <Flex gap={3} wrap="wrap" alignItems="flex-end">
        <Field.Root name="status">
          <Field.Label>{formatMessage(m.statusLabel)}</Field.Label>
          <SingleSelect
            disabled={!canAct}
            value={item.status}
            onChange={(value) => setStatus.mutate(value as InboxStatus, { onError: fail })}
          >
            {STATUSES.map((status) => (
              <SingleSelectOption key={status} value={status}>
                {statusLabel(formatMessage, status)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="assignee">
          <Field.Label>{formatMessage(m.assignTo)}</Field.Label>
          <SingleSelect
            disabled={!canAct}
            value={item.assigneeId === null ? '' : String(item.assigneeId)}
            onChange={(value) => assign.mutate(value ? Number(value) : null, { onError: fail })}
          >
            <SingleSelectOption value="">{formatMessage(m.nobody)}</SingleSelectOption>
            {(assignees.data ?? []).map((a) => (
              <SingleSelectOption key={a.id} value={String(a.id)}>
                {a.name}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
        <Field.Root name="sentiment" hint={item.sentiment.overridden ? formatMessage(m.overridden) : undefined}>
          <Field.Label>{formatMessage(m.sentiment)}</Field.Label>
          <SingleSelect
            disabled={!canAct}
            value={item.sentiment.overridden ? item.sentiment.label : ''}
            onChange={(value) => setSentiment.mutate(value ? (value as SentimentLabel) : null, { onError: fail })}
          >
            <SingleSelectOption value="">
              {formatMessage(m.computed, { label: formatMessage(m[item.sentiment.computed]) })}
            </SingleSelectOption>
            <SingleSelectOption value="positive">{formatMessage(m.positive)}</SingleSelectOption>
            <SingleSelectOption value="neutral">{formatMessage(m.neutral)}</SingleSelectOption>
            <SingleSelectOption value="negative">{formatMessage(m.negative)}</SingleSelectOption>
          </SingleSelect>
          <Field.Hint />
        </Field.Root>
      </Flex>
      <TagInput
        name="tags"
        label={formatMessage(m.tags)}
        values={item.tags}
        disabled={!canAct}
        onChange={(tags) => setTags.mutate(tags, { onError: fail })}
        removeLabel={(tag) => formatMessage(m.removeTag, { tag })}
      />
      {item.rules.length ? (
        <Box>
          <Typography variant="sigma" textColor="neutral600">
            {formatMessage(m.matchedRules)}
          </Typography>
          <Typography tag="p">
            {item.rules
              .map((r) =>
                r.autoReply
                  ? `${r.name} (${formatMessage(m.autoReply, { outcome: formatMessage(m.autoReplyOutcomes[r.autoReply] ?? m.autoReplyOutcomes.no_author) })})`
                  : r.name
              )
              .join(', ')}
          </Typography>
          {item.priority !== 'normal' ? (
            <Typography tag="p">
              {formatMessage(m.priorityOf, { priority: formatMessage(m.priorities[item.priority] ?? m.priorities.high) })}
            </Typography>
          ) : null}
        </Box>
      ) : null}

      <Box>
        <Typography variant="sigma" textColor="neutral600">
          {formatMessage(m.notes)}
        </Typography>
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={2}>
          {item.notes.map((n) => (
            <Box key={`${n.at}-${n.by}`} padding={2} background="warning100" hasRadius>
              <Flex gap={2}>
                <Typography variant="pi" fontWeight="bold">
                  {n.byName}
                </Typography>
                <RelativeTime date={n.at} />
              </Flex>
              <PlainText text={n.text} />
            </Box>
          ))}
          {canAct ? (
            <Field.Root name="note" hint={formatMessage(m.notesHint)}>
              <Textarea value={note} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setNote(event.target.value)} />
              <Field.Hint />
              <Box paddingTop={2}>
                <Button
                  variant="secondary"
                  size="S"
                  disabled={!note.trim()}
                  loading={addNote.isPending}
                  onClick={() => addNote.mutate(note, { onSuccess: () => setNote(''), onError: fail })}
                >
                  {formatMessage(m.addNote)}
                </Button>
              </Box>
            </Field.Root>
          ) : null}
        </Flex>
      </Box>

      <Divider />
      {!item.can.reply ? (
        <Typography textColor="neutral600">{formatMessage(m.cannotReply)}</Typography>
      ) : canAct ? (
        <Flex direction="column" alignItems="stretch" gap={2} data-testid="inbox-reply">
          {item.replyState === 'unknown' ? (
            <Box padding={3} background="warning100" hasRadius>
              <Typography>{formatMessage(m.unknownHint)}</Typography>
              <Box paddingTop={2}>
                <Button variant="secondary" loading={resend.isPending} onClick={() => resend.mutate(undefined, { onError: fail })}>
                  {formatMessage(m.resend)}
                </Button>
              </Box>
            </Box>
          ) : null}
          {savedReplies.length ? (
            <SingleSelect
              aria-label={formatMessage(m.savedReply)}
              placeholder={formatMessage(m.savedReplyPlaceholder)}
              value=""
              onChange={(value) => {
                const chosen = savedReplies.find((s) => s.documentId === value);
                if (chosen) setReply(fill(chosen.body, item));
              }}
            >
              {savedReplies.map((s) => (
                <SingleSelectOption key={s.documentId} value={s.documentId}>
                  {s.name}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          ) : null}
          <Field.Root name="reply">
            <Field.Label>{formatMessage(m.replyLabel)}</Field.Label>
            <Textarea
              value={reply}
              onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => {
                setReply(event.target.value);
                // A changed text is another reply: it gets its own request id.
                setRequestId(newRequestId());
              }}
            />
          </Field.Root>
          <Flex gap={2} wrap="wrap">
            <Button
              startIcon={<Message />}
              disabled={!reply.trim() || item.replyState !== 'idle'}
              loading={send.isPending}
              onClick={() =>
                send.mutate(
                  { text: reply, requestId, then: keepOpen ? 'waiting' : 'done' },
                  {
                    onSuccess: () => {
                      setReply('');
                      setRequestId(newRequestId());
                      toggleNotification({ type: 'success', message: formatMessage(m.sent) });
                    },
                    onError: fail,
                  }
                )
              }
            >
              {formatMessage(m.send)}
            </Button>
            <Checkbox checked={keepOpen} onCheckedChange={(checked: boolean | 'indeterminate') => setKeepOpen(checked === true)}>
              {formatMessage(m.keepOpen)}
            </Checkbox>
            <TextInput
              aria-label={formatMessage(m.savedName)}
              placeholder={formatMessage(m.savedName)}
              value={savedName}
              onChange={(event: React.ChangeEvent<HTMLInputElement>) => setSavedName(event.target.value)}
            />
            <Button
              variant="tertiary"
              startIcon={<Plus />}
              disabled={!reply.trim() || !savedName.trim()}
              onClick={() =>
                saveReply.mutate({ name: savedName.trim(), body: reply }, { onSuccess: () => setSavedName(''), onError: fail })
              }
            >
              {formatMessage(m.saveAsSaved)}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {isSiteComment ? <SiteCommentActions documentId={documentId} state={thread.data.siteComment ?? null} canAct={canAct} /> : null}
      {item.can.hide && !isSiteComment ? (
        <Box>
          <Button
            variant="tertiary"
            disabled={!canAct}
            loading={hide.isPending}
            onClick={() => hide.mutate(item.status !== 'hidden', { onError: fail })}
          >
            {formatMessage(item.status === 'hidden' ? m.showOnNetwork : m.hideOnNetwork)}
          </Button>
        </Box>
      ) : null}
      {!item.can.hide && item.source !== 'site' ? (
        <Typography variant="pi" textColor="neutral600">
          {formatMessage(
            item.can.hideReplies
              ? {
                  id: getTrad('server.inbox_hide_not_in_thread'),
                  defaultMessage:
                    'The network hides only replies in a thread this account started: mute, block or report the author on the network instead',
                }
              : {
                  id: getTrad('server.inbox_hide_unsupported'),
                  defaultMessage: 'This network cannot hide a reply: mute, block or report the author on the network instead',
                }
          )}
        </Typography>
      ) : null}
    </Flex>
  );
};
