import { capabilities, type NetworkProfile } from './types';

export const sandbox = {
  id: 'sandbox',
  label: { id: 'network.sandbox', defaultMessage: 'Sandbox' },
  icon: 'PuzzlePiece',
  color: '#a4610b',
  length: { unit: 'characters', limit: 5000 },
  media: { max: 10, required: false, kinds: ['image', 'video', 'audio'], maxBytes: {}, videoAlone: false },
  credentialFields: [
    {
      name: 'handle',
      kind: 'text',
      required: false,
      secret: false,
      replaceable: false,
      label: { id: 'accounts.form.handle', defaultMessage: 'Handle' },
      hint: { id: 'accounts.form.handleHint', defaultMessage: 'Optional. Made from the name when empty.' },
      placeholder: 'demo',
    },
  ],
  // Made up, deterministic (server/networks/sandbox/metrics.ts): no views.
  figures: {
    posts: ['likes', 'reposts', 'replies', 'quotes', 'impressions', 'clicks'],
    account: ['followers', 'following', 'posts'],
  },
  help: {
    id: 'accounts.help.sandbox',
    defaultMessage: 'A pretend network that publishes nowhere: try the whole workflow without risk. It needs no credentials.',
  },
  // No secret: the one network that works without an encryption key. Its optional OAuth
  // mode lets a demo or a test go through the whole sign-in flow.
  capabilities: capabilities({ connect: true, oauth: true, publish: true, firstComment: true, metrics: true }),
} as const satisfies NetworkProfile<'sandbox'>;
