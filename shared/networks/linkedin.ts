import { capabilities, MB, type NetworkProfile } from './types';

/** Not connectable yet: it signs in through OAuth (a later issue). The linter and the media check know it already. */
export const linkedin = {
  id: 'linkedin',
  label: { id: 'network.linkedin', defaultMessage: 'LinkedIn' },
  icon: 'Briefcase',
  color: '#0a66c2',
  length: { unit: 'characters', limit: 3000 },
  // multiImage takes up to 20 images; one video; no audio.
  media: { max: 20, required: false, kinds: ['image', 'video'], maxBytes: { image: 36 * MB, video: 500 * MB }, videoAlone: true },
  credentialFields: [],
  capabilities: capabilities({ oauth: true, firstComment: true, lint: true }),
} as const satisfies NetworkProfile<'linkedin'>;
