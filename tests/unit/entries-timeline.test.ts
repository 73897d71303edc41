import { timelineSteps } from '../../server/entries/timeline';
import { openingLanguage, openingsFor } from '../../server/entries/openings';
import { fillTemplate, fillUrlPattern, placeholdersOf } from '../../shared/settings/placeholders';

describe('a share timeline keeps the editor’s wall-clock time', () => {
  it('posts at 09:00 Paris on day 0, 3 and 14 although the clocks go forward in between', () => {
    const steps = timelineSteps({ offsets: [0, 3, 14], time: '09:00', timezone: 'Europe/Paris', now: new Date('2027-03-20T06:00:00Z') });
    expect(steps.map((s) => [s.local, s.utc.toISOString()])).toEqual([
      ['2027-03-20T09:00', '2027-03-20T08:00:00.000Z'],
      ['2027-03-23T09:00', '2027-03-23T08:00:00.000Z'],
      // after 28 March Paris is UTC+2: the same 09:00 is an hour earlier in UTC
      ['2027-04-03T09:00', '2027-04-03T07:00:00.000Z'],
    ]);
  });

  it('counts days from today in the zone, not in UTC', () => {
    // 23:30 UTC on 9 June is already 10 June in Kolkata (UTC+5:30)
    const [step] = timelineSteps({ offsets: [1], time: '10:00', timezone: 'Asia/Kolkata', now: new Date('2026-06-09T23:30:00Z') });
    expect(step.local).toBe('2026-06-11T10:00');
  });

  it('moves a time the clocks skip to the next valid minute, and takes the earlier of a time shown twice', () => {
    const [skipped] = timelineSteps({ offsets: [1], time: '02:30', timezone: 'America/New_York', now: new Date('2027-03-13T15:00:00Z') });
    expect(skipped).toMatchObject({ local: '2027-03-14T03:00', shifted: true });
    const [twice] = timelineSteps({ offsets: [1], time: '01:30', timezone: 'America/New_York', now: new Date('2027-11-06T15:00:00Z') });
    expect(twice).toMatchObject({ local: '2027-11-07T01:30', fold: 'earlier', shifted: false });
    expect(twice.utc.toISOString()).toBe('2027-11-07T05:30:00.000Z');
  });

  it('rolls over months and years', () => {
    const [step] = timelineSteps({ offsets: [14], time: '08:15', timezone: 'UTC', now: new Date('2026-12-25T12:00:00Z') });
    expect(step.local).toBe('2027-01-08T08:15');
  });
});

describe('openings vary from one step to the next', () => {
  it('announces on day 0 and rotates the others without repeating neighbours', () => {
    const openings = openingsFor([0, 3, 14, 30], 'en');
    expect(openings[0]).toBe('New on the blog:');
    expect(new Set(openings).size).toBe(4);
  });

  it('writes French openings with a narrow no-break space before the colon', () => {
    expect(openingLanguage(['fr', 'en'])).toBe('fr');
    expect(openingLanguage(['de'])).toBe('en');
    expect(openingsFor([0], 'fr')[0]).toBe('Nouveau sur le blog\u202f:');
  });
});

describe('URL patterns and templates', () => {
  it('encodes each value so it cannot change the path, and builds nothing when a value is missing', () => {
    expect(fillUrlPattern('https://example.com/blog/{slug}', { slug: 'a b/c' })).toBe('https://example.com/blog/a%20b%2Fc');
    expect(fillUrlPattern('https://example.com/{locale}/{slug}', { slug: 'x' })).toBeNull();
    expect(placeholdersOf('https://x.test/{a}/{b}/{a}')).toEqual(['a', 'b']);
  });

  it('folds the blank lines an empty excerpt leaves', () => {
    expect(fillTemplate('{title}\n\n{excerpt}\n\n{url}', { title: 'T', excerpt: '', url: 'https://x.test/t' })).toBe(
      'T\n\nhttps://x.test/t'
    );
  });
});
