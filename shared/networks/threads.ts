import { capabilities, MB, type NetworkProfile } from './types';

/** Not connectable yet: it signs in through OAuth (a later issue). The linter and the media check know it already. */
export const threads = {
  id: 'threads',
  label: { id: 'network.threads', defaultMessage: 'Threads' },
  icon: 'Discuss',
  color: '#4a4a6a',
  length: { unit: 'characters', limit: 500 },
  media: { max: 20, required: false, kinds: ['image', 'video'], maxBytes: { image: 8 * MB, video: 1024 * MB }, videoAlone: false },
  credentialFields: [],
  capabilities: capabilities({ oauth: true, firstComment: true, lint: true }),
} as const satisfies NetworkProfile<'threads'>;
