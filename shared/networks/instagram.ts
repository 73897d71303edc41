import { capabilities, MB, type NetworkProfile } from './types';

/** Not connectable yet: it signs in through OAuth (a later issue). The linter and the media check know it already. */
export const instagram = {
  id: 'instagram',
  label: { id: 'network.instagram', defaultMessage: 'Instagram' },
  icon: 'Image',
  color: '#c13584',
  length: { unit: 'characters', limit: 2200, maxHashtags: 30 },
  // A carousel mixes up to 10 images and videos; a post without media is refused; JPEG up to 8 MB.
  media: { max: 10, required: true, kinds: ['image', 'video'], maxBytes: { image: 8 * MB, video: 300 * MB }, videoAlone: false },
  credentialFields: [],
  capabilities: capabilities({ oauth: true, firstComment: true, lint: true }),
} as const satisfies NetworkProfile<'instagram'>;
