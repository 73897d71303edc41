import type { IntlShape, MessageDescriptor } from 'react-intl';
import type { FindingCode, FindingSeverity, LintFinding } from '../../../api/types';
import { isNetwork, NETWORK_LABELS } from '../../../networks';
import { getTrad } from '../../../utils/getTrad';

interface FindingMessage {
  message: MessageDescriptor;
  /** Params the message needs; without them the server's English message is shown instead. */
  params: readonly string[];
}

const FINDING_MESSAGES: Record<FindingCode, FindingMessage> = {
  too_long: {
    message: {
      id: getTrad('lint.finding.too_long'),
      defaultMessage: 'Too long for {network}: {counted} characters counted, {limit} allowed',
    },
    params: ['network', 'counted', 'limit'],
  },
  too_many_bytes: {
    message: {
      id: getTrad('lint.finding.too_many_bytes'),
      defaultMessage: 'Too heavy for {network}: {bytes} bytes, {byteLimit} allowed',
    },
    params: ['network', 'bytes', 'byteLimit'],
  },
  too_many_hashtags: {
    message: {
      id: getTrad('lint.finding.too_many_hashtags'),
      defaultMessage: 'Too many hashtags for {network}: {hashtags}, {maxHashtags} allowed',
    },
    params: ['network', 'hashtags', 'maxHashtags'],
  },
  banned_word: {
    message: {
      id: getTrad('lint.finding.banned_word'),
      defaultMessage: 'Banned word “{word}” used {count, plural, one {# time} other {# times}}',
    },
    params: ['word', 'count'],
  },
  missing_hashtag: {
    message: { id: getTrad('lint.finding.missing_hashtag'), defaultMessage: 'Required hashtag {tag} is missing' },
    params: ['tag'],
  },
  suggested_hashtag: {
    message: { id: getTrad('lint.finding.suggested_hashtag'), defaultMessage: 'Suggested hashtags not used yet: {tags}' },
    params: ['tags'],
  },
  empty: {
    message: { id: getTrad('lint.finding.empty'), defaultMessage: 'The post is empty' },
    params: [],
  },
};

export const SEVERITY_LABELS: Record<FindingSeverity, MessageDescriptor> = {
  error: { id: getTrad('lint.severity.error'), defaultMessage: 'Error' },
  warning: { id: getTrad('lint.severity.warning'), defaultMessage: 'Warning' },
  info: { id: getTrad('lint.severity.info'), defaultMessage: 'Tip' },
};

export const SEVERITY_VARIANTS = { error: 'danger', warning: 'warning', info: 'secondary' } as const satisfies Record<
  FindingSeverity,
  'danger' | 'warning' | 'secondary'
>;

/**
 * A finding in the admin's language, built from its code and params. Codes or params
 * this admin does not know yet (a newer server) fall back to the server's English text.
 */
export function findingText(intl: IntlShape, finding: LintFinding): string {
  const known = (FINDING_MESSAGES as Partial<Record<string, FindingMessage>>)[finding.code];
  if (!known || known.params.some((param) => finding.params[param] === undefined)) return finding.message;
  const network = finding.params.network;
  return intl.formatMessage(known.message, {
    ...finding.params,
    ...(isNetwork(network) ? { network: intl.formatMessage(NETWORK_LABELS[network]) } : {}),
  });
}
