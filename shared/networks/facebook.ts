import { capabilities, MB, type NetworkProfile } from './types';

/** Not connectable yet: it signs in through OAuth (a later issue). The linter and the media check know it already. */
export const facebook = {
  id: 'facebook',
  label: { id: 'network.facebook', defaultMessage: 'Facebook' },
  icon: 'ThumbUp',
  color: '#1877f2',
  length: { unit: 'characters', limit: 63206 },
  media: { max: 10, required: false, kinds: ['image', 'video'], maxBytes: { image: 10 * MB, video: 1024 * MB }, videoAlone: true },
  credentialFields: [],
  capabilities: capabilities({ oauth: true, firstComment: true, lint: true }),
} as const satisfies NetworkProfile<'facebook'>;
