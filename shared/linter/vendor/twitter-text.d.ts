// Types of the vendored build (scripts/vendor-twitter-text.js): twitter-text's own, from @types/twitter-text.
import type twitterText from 'twitter-text';

declare const lib: typeof twitterText;
export default lib;
