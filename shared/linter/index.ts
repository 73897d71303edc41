export { NETWORKS, LENGTH_RULES, MAX_POST_TEXT, NETWORK_LABELS, type Network, type LengthRule } from '../networks/rules';
export { countLength, findHashtags, type LengthCount, type Hashtag } from './count';
export { countGraphemes, graphemeEnds } from './graphemes';
export { lint, FINDING_CODES, type LintRules, type FindingCode, type Finding, type LintResult } from './lint';
export { loadTwitterText, provideTwitterText } from './twitter-text';
