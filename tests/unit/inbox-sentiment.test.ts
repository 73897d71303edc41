import { scoreSentiment } from '../../shared/inbox/sentiment';

/** The inbox's lexicon scorer (shared/inbox/sentiment.ts): English and French, negation, intensifiers, emoji. */
const label = (text: string) => scoreSentiment(text).label;

describe('inbox sentiment', () => {
  it.each([
    ['I love this, great work!', 'positive'],
    ['This is terrible, the app crashes every time', 'negative'],
    ['The launch is on Tuesday at 10', 'neutral'],
    ['Super article, merci !', 'positive'],
    ['Service client nul, je suis très déçu', 'negative'],
    ['La réunion est à 14 h', 'neutral'],
    ['👍🎉', 'positive'],
    ['😡👎', 'negative'],
  ])('%s → %s', (text, expected) => {
    expect(label(text)).toBe(expected);
  });

  it('turns a negated word around, in English and French', () => {
    expect(label('not good')).toBe('negative');
    expect(label('pas bon du tout')).toBe('negative');
    expect(label('ce n’est pas génial')).toBe('negative');
    expect(label('not bad at all')).toBe('positive');
    expect(label('pas mal, ce nouveau site')).toBe('positive');
    expect(label('I don’t hate it')).toBe('positive');
  });

  it('makes “du tout” and “at all” stronger than the bare negation', () => {
    expect(scoreSentiment('pas bon du tout').score).toBeLessThan(scoreSentiment('pas bon').score);
  });

  it('weighs intensifiers and downtoners', () => {
    expect(scoreSentiment('very good').score).toBeGreaterThan(scoreSentiment('good').score);
    expect(scoreSentiment('vraiment nul').score).toBeLessThan(scoreSentiment('nul').score);
    expect(scoreSentiment('un peu déçu').score).toBeGreaterThan(scoreSentiment('déçu').score);
  });

  it('does not read French “plus” as a negation unless after ne', () => {
    expect(label('encore plus rapide et efficace')).toBe('positive');
    expect(label('je ne suis plus content')).toBe('negative');
  });

  it('reads French “ne … pas” around the verb, and plurals without entries of their own', () => {
    expect(label('Ça ne marche pas')).toBe('negative');
    expect(label('La batterie ne tient pas la journée')).toBe('negative');
    expect(label('Ça marche nickel')).toBe('positive');
    expect(label('Je ne regrette pas du tout mon achat')).toBe('positive');
    expect(label('Vos pubs sont insupportables')).toBe('negative');
    // The absence of a refund is the complaint, not a negated complaint.
    expect(label('Toujours pas de remboursement')).toBe('negative');
    expect(label('No refund, no answer')).toBe('negative');
  });

  it('weighs what follows “but” / “mais” over what comes before', () => {
    expect(label('Nice idea but it crashes every time')).toBe('negative');
    expect(label('Un peu lent au début mais vraiment génial')).toBe('positive');
  });

  it('reads a question with one mild positive word as a question, a complaint as a complaint', () => {
    expect(label('Does it work with Android 12?')).toBe('neutral');
    expect(label('Why is the app broken again?')).toBe('negative');
    expect(label('Is it any good? Looks amazing!')).toBe('positive');
  });

  it('turns praise next to an eye-roll into irony', () => {
    expect(label('Trois mails sans réponse, bravo le suivi 🙄')).toBe('negative');
    expect(label('Bravo le suivi')).toBe('positive');
  });

  it('stops a negation at the end of a sentence', () => {
    expect(label('Not sure. Great result')).toBe('positive');
  });

  it('is deterministic and bounded', () => {
    const text = 'Great great great amazing amazing perfect perfect love love!!!';
    const a = scoreSentiment(text);
    expect(scoreSentiment(text)).toEqual(a);
    expect(a.score).toBeLessThan(1);
    expect(a.score).toBeGreaterThan(0.9);
    expect(scoreSentiment('')).toEqual({ label: 'neutral', score: 0 });
  });
});
