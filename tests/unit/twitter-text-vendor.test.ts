import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import original from 'twitter-text';
import vendored from '../../shared/linter/vendor/twitter-text';

/**
 * shared/linter/vendor/twitter-text.js is twitter-text rebuilt without the
 * core-js 2 polyfills (scripts/vendor-twitter-text.js). The conformance suite
 * runs the linter on it; these checks keep the file in step with the
 * installed twitter-text and show it answers like the original.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const file = path.join(ROOT, 'shared', 'linter', 'vendor', 'twitter-text.js');

describe('the vendored twitter-text', () => {
  it('is what scripts/vendor-twitter-text.js writes from the installed version', () => {
    // Exits 1 (and execFileSync throws) when the file differs from a fresh build.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'vendor-twitter-text.js'), '--check'], { cwd: ROOT });
    const installed = JSON.parse(fs.readFileSync(require.resolve('twitter-text/package.json'), 'utf8')).version;
    expect(fs.readFileSync(file, 'utf8')).toContain(`from twitter-text ${installed} `);
  });

  it('holds no core-js and requires nothing', () => {
    const code = fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('//'))
      .join('\n');
    expect(code).not.toMatch(/core-js/);
    expect(code).not.toMatch(/\brequire\(/);
    expect(code.length).toBeGreaterThan(40_000); // the library itself is there
  });

  it('counts, validates and finds entities as the original does', () => {
    const texts = [
      'plain text',
      '',
      'é'.repeat(281),
      'Café 🇫🇷 👩‍👩‍👧‍👦 — 日本語のテキスト #ハッシュタグ',
      'see https://example.com/a?b=c#d and example.org, t.co/abc, http://例え.テスト',
      '@user @user/list $CASH #tag #2026 #tag_with_underscore ＃fullwidth',
      '\u202Aleft\u202C \u200D\u200Czero widths \uFFFE\uFEFF',
      'x'.repeat(140) + ' https://very.long.example.com/' + 'p'.repeat(300),
    ];
    for (const text of texts) {
      expect(vendored.parseTweet(text)).toEqual(original.parseTweet(text));
      expect(vendored.extractEntitiesWithIndices(text)).toEqual(original.extractEntitiesWithIndices(text));
      expect(vendored.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })).toEqual(
        original.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false })
      );
    }
  });
});
