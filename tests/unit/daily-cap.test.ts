import { COUNTED_STATES, isCapped, remaining, utcDay } from '../../shared/publishing/daily-cap';

/** The daily cap's pure parts: which networks it applies to, the UTC day of an instant, what is left. */
describe('the daily cap', () => {
  it('applies to the networks billed per request only', () => {
    expect(isCapped('x')).toBe(true);
    for (const network of ['mastodon', 'bluesky', 'linkedin', 'facebook', 'instagram', 'threads', 'webhook', 'nowhere']) {
      expect([network, isCapped(network)]).toEqual([network, false]);
    }
  });

  it('counts a post on the UTC day it is due, its last millisecond included, the next day’s first not', () => {
    const day = utcDay(Date.parse('2030-03-10T23:59:59.999Z'));
    expect(day).toEqual({ day: '2030-03-10', start: Date.parse('2030-03-10T00:00:00Z'), end: Date.parse('2030-03-11T00:00:00Z') });
    expect(utcDay(Date.parse('2030-03-11T00:00:00Z')).day).toBe('2030-03-11');
    // 01:30 in Paris in summer is still the day before in UTC.
    expect(utcDay(Date.parse('2030-07-01T01:30:00+02:00')).day).toBe('2030-06-30');
  });

  it('what is left never goes below zero; no cap leaves null; held, failed and cancelled rows do not count', () => {
    expect(remaining(3, 1)).toBe(2);
    expect(remaining(1, 4)).toBe(0);
    expect(remaining(null, 4)).toBeNull();
    expect(COUNTED_STATES).not.toContain('held');
    expect(COUNTED_STATES).not.toContain('failed');
    expect(COUNTED_STATES).not.toContain('cancelled');
  });
});
