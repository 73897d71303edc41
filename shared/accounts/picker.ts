import type { MessageParams, ServerMessageCode } from '../core/messages';

/**
 * Why one entry of a page picker's answer cannot be connected now (its
 * details did not load: a page Facebook gives no token for, an Instagram
 * account whose details Facebook refused): listed, so the person sees it and
 * why, never connectable. The same fields as an error's details: the admin
 * translates `messageId` with `params`; `message` is the English.
 */
export interface PickerUnavailable {
  messageId: ServerMessageCode;
  params: MessageParams;
  message: string;
}
