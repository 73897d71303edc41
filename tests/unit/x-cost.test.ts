import { loadTwitterText } from '../../shared/linter';
import { X_COST_CLASSES, xPlannedCalls } from '../../shared/networks/x.cost';

/** The cost class of each post an X publication makes: what the composer shows beside the X text. */
beforeAll(() => loadTwitterText());

describe('X cost classes', () => {
  it('a post with a link (bare domains too) is billed as "with URL"; one without as a plain create', () => {
    expect(xPlannedCalls({ text: 'Hello', media: 0 })).toEqual([{ what: { kind: 'part', index: 1 }, cost: 'post', media: 0 }]);
    expect(xPlannedCalls({ text: 'Read https://example.com/a', media: 0 })[0].cost).toBe('postWithUrl');
    expect(xPlannedCalls({ text: 'Read example.com now', media: 0 })[0].cost).toBe('postWithUrl');
    expect(xPlannedCalls({ text: 'Version 1.2 is out', media: 0 })[0].cost).toBe('post');
  });

  it('a thread is one post per part, the media on the first; the first comment is one more post', () => {
    const calls = xPlannedCalls({ text: 'One\n---\nTwo at example.org\n---\nThree', media: 2, firstComment: 'More: https://example.net/' });
    expect(calls.map((c) => [c.what, c.cost, c.media])).toEqual([
      [{ kind: 'part', index: 1 }, 'post', 2],
      [{ kind: 'part', index: 2 }, 'postWithUrl', 0],
      [{ kind: 'part', index: 3 }, 'post', 0],
      [{ kind: 'firstComment' }, 'postWithUrl', 0],
    ]);
  });

  it('names X’s own billing lines, never an amount', () => {
    expect(X_COST_CLASSES.postWithUrl.billedAs).toBe('Content: Create (with URL)');
    expect(JSON.stringify(X_COST_CLASSES)).not.toMatch(/\$|\d\.\d/);
  });
});
