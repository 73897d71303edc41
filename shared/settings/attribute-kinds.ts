/**
 * Which attribute types can feed a post's text (title, excerpt) — pure, so the
 * settings page offers exactly the fields the server accepts.
 */
export const TEXT_ATTRIBUTE_TYPES: ReadonlySet<string> = new Set(['string', 'text', 'uid', 'richtext', 'email', 'blocks']);
