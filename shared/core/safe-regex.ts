import { RE2JS } from 're2js';
import type { ServerMessageCode } from './messages';

/**
 * Regular expressions typed by users (watch alerts, moderation rules) run on
 * RE2's algorithm (`re2js`, pure JavaScript): time linear in the text whatever
 * the pattern, so `a*a*a*a*b` or `(a+)+$` cannot stall the event loop as they
 * do on JavaScript's backtracking engine (140 characters blocked it 5.3 s).
 * Patterns are written in JavaScript syntax, matched case-insensitively with
 * Unicode case folding (the `iu` flags they always had); what only a
 * backtracking engine can run (backreferences, lookaround) is refused.
 * Decision recorded in docs/decisions.md.
 */
export const MAX_USER_REGEX = 200;

export type UserRegexProblem = 'too_long' | 'invalid' | 'backreference' | 'lookaround' | 'unsupported';

/** Why the linear-time engine refuses a pattern, as the message the admin translates (watch alerts, moderation rules). */
export const USER_REGEX_MESSAGES: Record<UserRegexProblem, ServerMessageCode> = {
  too_long: 'regex_too_long',
  invalid: 'regex_invalid',
  backreference: 'regex_backreference',
  lookaround: 'regex_lookaround',
  unsupported: 'regex_unsupported',
};

export interface UserRegex {
  test(text: string): boolean;
}

/** The JavaScript syntax RE2 cannot run, found outside escapes and character classes. */
function backtrackingOnly(pattern: string): 'backreference' | 'lookaround' | null {
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) return 'backreference';
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
    } else if (c === '(' && /^\(\?(?:[=!]|<[=!])/.test(pattern.slice(i, i + 4))) {
      return 'lookaround';
    }
  }
  return null;
}

type Compiled = { regex: UserRegex; problem?: undefined } | { regex?: undefined; problem: UserRegexProblem };

export function compileUserRegex(pattern: string): Compiled {
  if (pattern.length > MAX_USER_REGEX) return { problem: 'too_long' };
  try {
    new RegExp(pattern, 'iu');
  } catch {
    return { problem: 'invalid' };
  }
  const refused = backtrackingOnly(pattern);
  if (refused) return { problem: refused };
  try {
    // translateRegExp rewrites JavaScript-only spellings RE2 lacks: \u{…}, \uXXXX, (?<name>…), [^].
    const compiled = RE2JS.compile(RE2JS.translateRegExp(pattern), RE2JS.CASE_INSENSITIVE);
    return { regex: { test: (text) => compiled.test(text) } };
  } catch {
    return { problem: 'unsupported' };
  }
}

export function userRegexProblem(pattern: string): UserRegexProblem | null {
  return compileUserRegex(pattern).problem ?? null;
}
