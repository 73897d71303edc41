/**
 * A post written as a thread: its parts separated by a line holding only
 * `---` (three or more dashes, spaces around allowed). A network whose
 * profile has a `thread` rule (X) posts each part as a reply to the one
 * before; everywhere else the text goes as written. Pure: the composer, the
 * linter and the server split the same way.
 */

/** A separator line, checked line by line (no regex over the whole text). */
const isSeparator = (line: string) => {
  const t = line.trim();
  return t.length >= 3 && [...t].every((c) => c === '-');
};

/** The parts of a text, trimmed, empty ones dropped; a text without a separator is one part. */
export function threadParts(text: string): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (isSeparator(line)) {
      parts.push(current.join('\n'));
      current = [];
    } else current.push(line);
  }
  parts.push(current.join('\n'));
  const kept = parts.map((p) => p.trim()).filter((p) => p !== '');
  return kept.length ? kept : [text.trim()];
}

/** The separator the composer inserts, on a line of its own. */
export const THREAD_SEPARATOR = '\n\n---\n\n';
