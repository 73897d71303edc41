import * as React from 'react';
import { Button, Field, Flex, IconButton, Modal, SingleSelect, SingleSelectOption, Toggle, Typography } from '@strapi/design-system';
import { ArrowDown, ArrowUp, Pencil, Trash } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useIntl } from 'react-intl';
import { TextField } from '../../components/TextField';
import { getTrad } from '../../utils/getTrad';
import { useFormErrors } from '../Watch/useFormErrors';
import { useInboxApi, useInboxMutation, useRules, useSavedReplies, type ModerationRule, type RuleDraft } from './api';

const t = (id: string, defaultMessage: string) => ({ id: getTrad(id), defaultMessage });
const list = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

interface Form {
  name: string;
  keywords: string;
  keywordsMatch: 'any' | 'all';
  regex: string;
  authors: string;
  languages: string;
  sentiment: '' | 'positive' | 'neutral' | 'negative';
  hasLink: '' | 'yes' | 'no';
  tags: string;
  priority: '' | 'low' | 'normal' | 'high' | 'urgent';
  status: '' | 'hidden' | 'spam';
  savedReplyName: string;
}

const EMPTY: Form = {
  name: '',
  keywords: '',
  keywordsMatch: 'any',
  regex: '',
  authors: '',
  languages: '',
  sentiment: '',
  hasLink: '',
  tags: '',
  priority: '',
  status: '',
  savedReplyName: '',
};

/** The editor's fields as the API's rule; an auto-reply sends every saved reply of that name (one per language). */
function toDraft(form: Form, savedIds: (name: string) => string[]): RuleDraft {
  const ids = form.savedReplyName ? savedIds(form.savedReplyName) : [];
  return {
    name: form.name,
    conditions: {
      keywords: list(form.keywords),
      keywordsMatch: form.keywordsMatch,
      regex: form.regex || null,
      authors: list(form.authors),
      sources: [],
      sentiments: form.sentiment ? [form.sentiment] : [],
      languages: list(form.languages),
      hasLink: form.hasLink === '' ? null : form.hasLink === 'yes',
    },
    actions: {
      tags: list(form.tags),
      assignTo: null,
      priority: form.priority || null,
      status: form.status || null,
      autoReply: ids.length ? { savedReplyIds: ids } : null,
    },
  };
}

function toForm(rule: ModerationRule, savedName: (id: string) => string): Form {
  const c = rule.conditions;
  const a = rule.actions;
  return {
    name: rule.name,
    keywords: c.keywords.join(', '),
    keywordsMatch: c.keywordsMatch,
    regex: c.regex ?? '',
    authors: c.authors.join(', '),
    languages: c.languages.join(', '),
    sentiment: (c.sentiments[0] ?? '') as Form['sentiment'],
    hasLink: c.hasLink === null ? '' : c.hasLink ? 'yes' : 'no',
    tags: a.tags.join(', '),
    priority: a.priority ?? '',
    status: a.status ?? '',
    savedReplyName: a.autoReply ? savedName(a.autoReply.savedReplyIds[0]) : '',
  };
}

/** The live count: what the conditions being typed match over the last 30 days (docs/inbox.md, "Rules"). */
function useDryRunCount(conditions: RuleDraft['conditions']) {
  const api = useInboxApi();
  const key = JSON.stringify(conditions);
  const [count, setCount] = React.useState<number | null>(null);
  React.useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api.rules
        .dryRun(JSON.parse(key))
        .then((result) => live && setCount(result.count))
        .catch(() => live && setCount(null));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, key]);
  return count;
}

/** Moderation rules: the list in its order, on/off, up/down, and the editor with its live dry run. */
export const RulesModal = ({ onClose, canEdit }: { onClose: () => void; canEdit: boolean }) => {
  const { formatMessage } = useIntl();
  const { toggleNotification } = useNotification();
  const rules = useRules();
  const saved = useSavedReplies();
  const { errors, setErrors, fail } = useFormErrors();
  const [editing, setEditing] = React.useState<string | 'new' | null>(null);
  const [form, setForm] = React.useState<Form>(EMPTY);
  const names = [...new Set((saved.data ?? []).map((s) => s.name))];
  const savedIds = (name: string) => (saved.data ?? []).filter((s) => s.name === name).map((s) => s.documentId);
  const savedName = (id: string) => saved.data?.find((s) => s.documentId === id)?.name ?? '';
  const draft = toDraft(form, savedIds);
  const count = useDryRunCount(draft.conditions);

  const save = useInboxMutation((api, input: { id: string | 'new'; draft: RuleDraft }) =>
    input.id === 'new' ? api.rules.create(input.draft) : api.rules.update(input.id, input.draft)
  );
  const toggle = useInboxMutation((api, rule: ModerationRule) => api.rules.update(rule.documentId, { enabled: !rule.enabled }));
  const reorder = useInboxMutation((api, ids: string[]) => api.rules.reorder(ids));
  const remove = useInboxMutation((api, id: string) => api.rules.remove(id));
  const all = rules.data ?? [];

  const move = (index: number, by: -1 | 1) => {
    const ids = all.map((r) => r.documentId);
    [ids[index], ids[index + by]] = [ids[index + by], ids[index]];
    reorder.mutate(ids, { onError: fail });
  };
  const open = (rule: ModerationRule | null) => {
    setErrors({});
    setForm(rule ? toForm(rule, savedName) : EMPTY);
    setEditing(rule ? rule.documentId : 'new');
  };
  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!editing) return;
    save.mutate(
      { id: editing, draft },
      {
        onSuccess: () => {
          toggleNotification({ type: 'success', message: formatMessage(t('inbox.rules.saved', 'Rule saved')) });
          setEditing(null);
        },
        onError: fail,
      }
    );
  };
  const set = (patch: Partial<Form>) => setForm((current) => ({ ...current, ...patch }));
  const text = (key: keyof Form, label: ReturnType<typeof t>, error?: string, hint?: ReturnType<typeof t>) => (
    <TextField
      name={key}
      label={formatMessage(label)}
      hint={hint ? formatMessage(hint) : undefined}
      value={String(form[key])}
      error={error}
      onChange={(value) => set({ [key]: value } as Partial<Form>)}
    />
  );
  const select = (
    key: keyof Form,
    label: ReturnType<typeof t>,
    options: Array<[string, ReturnType<typeof t> | string]>,
    error?: string
  ) => (
    <Field.Root name={key} error={error}>
      <Field.Label>{formatMessage(label)}</Field.Label>
      <SingleSelect
        value={String(form[key]) || '-'}
        onChange={(value) => set({ [key]: value === '-' ? '' : String(value) } as Partial<Form>)}
      >
        {options.map(([value, optionLabel]) => (
          <SingleSelectOption key={value || '-'} value={value || '-'}>
            {typeof optionLabel === 'string' ? optionLabel : formatMessage(optionLabel)}
          </SingleSelectOption>
        ))}
      </SingleSelect>
      <Field.Error />
    </Field.Root>
  );
  const none = t('inbox.rules.none', 'None');
  const anyValue = t('inbox.rules.any', 'Any');

  return (
    <Modal.Root open onOpenChange={(isOpen) => (isOpen ? undefined : onClose())}>
      <Modal.Content>
        <Modal.Header closeLabel={formatMessage(t('inbox.rules.close', 'Close'))}>
          <Modal.Title>{formatMessage(t('inbox.rules.title', 'Moderation rules'))}</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {editing ? (
            <form id="inbox-rule-form" onSubmit={onSubmit}>
              <Flex direction="column" alignItems="stretch" gap={3}>
                {text('name', t('inbox.rules.name', 'Name'), errors.name)}
                <Typography variant="sigma">{formatMessage(t('inbox.rules.conditions', 'When an item comes in that matches'))}</Typography>
                {errors.conditions ? <Typography textColor="danger600">{errors.conditions}</Typography> : null}
                {text(
                  'keywords',
                  t('inbox.rules.keywords', 'Keywords'),
                  errors['conditions.keywords'],
                  t('inbox.rules.listHint', 'Separated by commas')
                )}
                {select('keywordsMatch', t('inbox.rules.keywordsMatch', 'Keywords to find'), [
                  ['any', t('inbox.rules.keywordsAny', 'Any of them')],
                  ['all', t('inbox.rules.keywordsAll', 'All of them')],
                ])}
                {text(
                  'regex',
                  t('inbox.rules.regex', 'Regular expression'),
                  errors['conditions.regex'],
                  t(
                    'inbox.rules.regexHint',
                    'At most 200 characters, without regard to case; backreferences (\\1) and lookaround (lookahead, lookbehind) are not supported.'
                  )
                )}
                {text(
                  'authors',
                  t('inbox.rules.authors', 'Authors (handles)'),
                  errors['conditions.authors'],
                  t('inbox.rules.listHint', 'Separated by commas')
                )}
                {text('languages', t('inbox.rules.languages', 'Languages (en, fr…)'), errors['conditions.languages'])}
                {select('sentiment', t('inbox.rules.sentiment', 'Sentiment'), [
                  ['', anyValue],
                  ['positive', t('inbox.rules.positive', 'Positive')],
                  ['neutral', t('inbox.rules.neutral', 'Neutral')],
                  ['negative', t('inbox.rules.negative', 'Negative')],
                ])}
                {select('hasLink', t('inbox.rules.hasLink', 'Link'), [
                  ['', anyValue],
                  ['yes', t('inbox.rules.withLink', 'Has a link')],
                  ['no', t('inbox.rules.withoutLink', 'Has no link')],
                ])}
                <Typography aria-live="polite">
                  {count === null
                    ? formatMessage(t('inbox.rules.dryRunNone', 'Add a condition to see what it would match.'))
                    : formatMessage(
                        t(
                          'inbox.rules.dryRun',
                          '{count, plural, =0 {Matches no item} one {Matches # item} other {Matches # items}} of the last 30 days.'
                        ),
                        { count }
                      )}
                </Typography>
                <Typography variant="sigma">{formatMessage(t('inbox.rules.actions', 'Then'))}</Typography>
                {errors.actions ? <Typography textColor="danger600">{errors.actions}</Typography> : null}
                {text('tags', t('inbox.rules.tags', 'Add tags'), errors['actions.tags'], t('inbox.rules.listHint', 'Separated by commas'))}
                {select(
                  'priority',
                  t('inbox.rules.priority', 'Priority'),
                  [
                    ['', none],
                    ['low', t('inbox.rules.low', 'Low')],
                    ['normal', t('inbox.rules.normal', 'Normal')],
                    ['high', t('inbox.rules.high', 'High')],
                    ['urgent', t('inbox.rules.urgent', 'Urgent')],
                  ],
                  errors['actions.priority']
                )}
                {select(
                  'status',
                  t('inbox.rules.status', 'Hide or mark spam'),
                  [
                    ['', none],
                    ['hidden', t('inbox.rules.hide', 'Hide in the inbox')],
                    ['spam', t('inbox.rules.spam', 'Mark as spam')],
                  ],
                  errors['actions.status']
                )}
                {select(
                  'savedReplyName',
                  t('inbox.rules.autoReply', 'Auto-reply with the saved reply (in the item’s language)'),
                  [['', none], ...names.map((name): [string, string] => [name, name])],
                  errors['actions.autoReply.savedReplyIds'] ?? errors['actions.autoReply.savedReplyIds.0']
                )}
              </Flex>
            </form>
          ) : (
            <Flex direction="column" alignItems="stretch" gap={2}>
              {all.length === 0 ? <Typography>{formatMessage(t('inbox.rules.empty', 'No rule yet.'))}</Typography> : null}
              {all.map((rule, index) => (
                <Flex key={rule.documentId} gap={2} justifyContent="space-between">
                  <Typography fontWeight="bold">{rule.name}</Typography>
                  <Flex gap={1}>
                    <Toggle
                      aria-label={formatMessage(t('inbox.rules.enabled', 'Enabled'))}
                      checked={rule.enabled}
                      disabled={!canEdit}
                      onLabel={formatMessage(t('inbox.rules.on', 'On'))}
                      offLabel={formatMessage(t('inbox.rules.off', 'Off'))}
                      onChange={() => toggle.mutate(rule, { onError: fail })}
                    />
                    <IconButton
                      label={formatMessage(t('inbox.rules.up', 'Move up'))}
                      disabled={!canEdit || index === 0}
                      onClick={() => move(index, -1)}
                    >
                      <ArrowUp />
                    </IconButton>
                    <IconButton
                      label={formatMessage(t('inbox.rules.down', 'Move down'))}
                      disabled={!canEdit || index === all.length - 1}
                      onClick={() => move(index, 1)}
                    >
                      <ArrowDown />
                    </IconButton>
                    <IconButton label={formatMessage(t('inbox.rules.edit', 'Edit'))} disabled={!canEdit} onClick={() => open(rule)}>
                      <Pencil />
                    </IconButton>
                    <IconButton
                      label={formatMessage(t('inbox.rules.delete', 'Delete'))}
                      disabled={!canEdit}
                      onClick={() => remove.mutate(rule.documentId, { onError: fail })}
                    >
                      <Trash />
                    </IconButton>
                  </Flex>
                </Flex>
              ))}
            </Flex>
          )}
        </Modal.Body>
        <Modal.Footer>
          {editing ? (
            <>
              <Button variant="tertiary" onClick={() => setEditing(null)}>
                {formatMessage(t('inbox.rules.back', 'Back to the rules'))}
              </Button>
              <Button type="submit" form="inbox-rule-form" loading={save.isPending}>
                {formatMessage(t('inbox.rules.save', 'Save'))}
              </Button>
            </>
          ) : (
            <>
              <Modal.Close>
                <Button variant="tertiary">{formatMessage(t('inbox.rules.close', 'Close'))}</Button>
              </Modal.Close>
              {canEdit ? <Button onClick={() => open(null)}>{formatMessage(t('inbox.rules.add', 'Add a rule'))}</Button> : null}
            </>
          )}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};
