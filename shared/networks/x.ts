import { capabilities, MB, type NetworkProfile } from './types';

/** Not connectable yet: it signs in through OAuth (a later issue). The linter and the media check know it already. */
export const x = {
  id: 'x',
  label: { id: 'network.x', defaultMessage: 'X' },
  icon: 'Feather',
  color: '#32324d',
  length: { unit: 'weighted', limit: 280 },
  // 4 images of 5 MB or one video of 512 MB; no audio.
  // twitter-text is X's own grammar; X links bare domains too.
  text: { links: 'twitterText', hashtags: 'twitterText', facets: false },
  media: { max: 4, required: false, kinds: ['image', 'video'], maxBytes: { image: 5 * MB, video: 512 * MB }, videoAlone: true },
  credentialFields: [],
  capabilities: capabilities({ oauth: true, firstComment: true, lint: true }),
} as const satisfies NetworkProfile<'x'>;
