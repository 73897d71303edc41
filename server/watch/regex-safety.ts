/**
 * Alert rules may be regular expressions typed by users, run against every
 * item. JavaScript's engine backtracks, so a pattern such as `(a+)+$` can take
 * exponential time (ReDoS) and stall the server. Without a non-backtracking
 * engine in the dependencies, the rule is: refuse the shapes that backtrack
 * catastrophically, and bound the input.
 * - at most 200 characters;
 * - no quantified group that itself holds a quantifier or an alternation
 *   (star height > 1 and `(a|a)*` style overlaps);
 * - no backreferences;
 * - matched against at most MAX_INPUT characters of an item.
 * Decision recorded in docs/decisions.md.
 */
export const MAX_PATTERN = 200;
export const MAX_INPUT = 10_000;

export type RegexProblem = 'too_long' | 'invalid' | 'nested_quantifier' | 'backreference';

/** Groups as [start, end] indexes, ignoring escaped and class-bracketed parentheses. */
function groups(pattern: string): Array<[number, number]> {
  const stack: number[] = [];
  const found: Array<[number, number]> = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') stack.push(i);
    else if (c === ')' && stack.length) found.push([stack.pop()!, i]);
  }
  return found;
}

const QUANTIFIER_AFTER = /^(?:[*+]|\{\d+(?:,\d*)?\})/;

function stripEscapesAndClasses(body: string): string {
  return body.replace(/\\./g, 'x').replace(/\[(?:\\.|[^\]])*\]/g, 'x');
}

export function regexProblem(pattern: string): RegexProblem | null {
  if (pattern.length > MAX_PATTERN) return 'too_long';
  try {
    new RegExp(pattern, 'iu');
  } catch {
    return 'invalid';
  }
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreference';
  for (const [start, end] of groups(pattern)) {
    if (!QUANTIFIER_AFTER.test(pattern.slice(end + 1))) continue;
    const inner = stripEscapesAndClasses(pattern.slice(start + 1, end).replace(/^\?(?:[:=!]|<[=!]|<[^>]*>)/, ''));
    if (/[*+]|\{\d+(?:,\d*)?\}|\|/.test(inner)) return 'nested_quantifier';
  }
  return null;
}

export const REGEX_MESSAGES: Record<RegexProblem, string> = {
  too_long: `A regular expression holds at most ${MAX_PATTERN} characters`,
  invalid: 'This is not a valid regular expression',
  nested_quantifier: 'A repeated group may not itself repeat or offer alternatives, e.g. (a+)+ or (a|b)*: such patterns can freeze the server',
  backreference: 'Backreferences such as \\1 are not allowed in alert patterns',
};
