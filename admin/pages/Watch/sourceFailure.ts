import type { IntlShape } from 'react-intl';
import type { SourceFailure } from '../../../shared/watch/contract';
import { serverMessageText } from '../../utils/serverMessages';

/**
 * Why a source's fetch failed, in the reader's language: the catalogued
 * message with its facts, or the server's English for a failure stored before
 * the codes (it has no `messageId`).
 */
export const sourceFailureText = (intl: IntlShape, failure: SourceFailure): string =>
  serverMessageText(intl, failure.messageId, failure.params, failure.message);
