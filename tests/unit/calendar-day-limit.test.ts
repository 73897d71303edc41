import { limitPerDay } from '../../server/calendar/days';
import { expectedRange } from '../../admin/pages/Calendar/schedule';

const at = (iso: string, id = iso) => ({ id, at: Date.parse(iso) });
const ids = (items: Array<{ id: string }>) => items.map((item) => item.id);

describe('what a month cell draws (dayMax)', () => {
  it('keeps every post of a day that fits, the first dayMax - 1 of a fuller day, and says how many that day holds', () => {
    // Paris is UTC+2 in June.
    const busy = Array.from({ length: 9 }, (_, i) => at(`2027-06-10T${String(6 + i).padStart(2, '0')}:00:00Z`));
    const quiet = Array.from({ length: 4 }, (_, i) => at(`2027-06-11T${String(6 + i).padStart(2, '0')}:00:00Z`));
    const { kept, overflow } = limitPerDay([...busy, ...quiet], 4, 'Europe/Paris');
    expect(ids(kept)).toEqual(ids([...busy.slice(0, 3), ...quiet]));
    expect(overflow).toEqual([{ day: '2027-06-10', total: 9 }]);
  });

  it('cuts days at the editor’s midnight, not UTC’s', () => {
    // 22:30 UTC on the 10th is 00:30 on the 11th in Paris; in New York it is still the 10th.
    const posts = [
      at('2027-06-10T21:00:00Z', 'a'),
      at('2027-06-10T21:30:00Z', 'b'),
      at('2027-06-10T22:30:00Z', 'c'),
      at('2027-06-10T23:00:00Z', 'd'),
    ];
    expect(limitPerDay(posts, 2, 'Europe/Paris')).toEqual({ kept: [posts[0], posts[1], posts[2], posts[3]], overflow: [] });
    expect(limitPerDay(posts, 2, 'America/New_York')).toEqual({ kept: [posts[0]], overflow: [{ day: '2027-06-10', total: 4 }] });
  });

  it('keeps a 23-hour and a 25-hour day whole across the clock changes', () => {
    // 28 March 2027, Paris: 23 hours, from 23:00 UTC on the 27th to 22:00 UTC on the 28th.
    const spring = [at('2027-03-27T23:00:00Z', 's1'), at('2027-03-28T21:59:00Z', 's2'), at('2027-03-28T22:00:00Z', 'next')];
    expect(limitPerDay(spring, 2, 'Europe/Paris')).toEqual({ kept: spring, overflow: [] });
    expect(
      limitPerDay(
        [...spring.slice(0, 2), at('2027-03-28T12:00:00Z', 's3'), spring[2]].sort((x, y) => x.at - y.at),
        2,
        'Europe/Paris'
      ).overflow
    ).toEqual([{ day: '2027-03-28', total: 3 }]);
    // 31 October 2027, Paris: 25 hours, from 22:00 UTC on the 30th to 23:00 UTC on the 31st.
    const autumn = [at('2027-10-30T22:00:00Z', 'a1'), at('2027-10-31T22:59:00Z', 'a2'), at('2027-10-31T23:00:00Z', 'next')];
    expect(limitPerDay(autumn, 2, 'Europe/Paris')).toEqual({ kept: autumn, overflow: [] });
    expect(limitPerDay([autumn[0], at('2027-10-31T01:30:00Z', 'a3'), autumn[1], autumn[2]], 2, 'Europe/Paris').overflow).toEqual([
      { day: '2027-10-31', total: 3 },
    ]);
  });
});

describe('the range the grid will ask for, known before it mounts', () => {
  const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();

  it('is six Monday-first weeks around the month', () => {
    // 1 June 2027 is a Tuesday: the grid starts on Monday 31 May.
    expect(expectedRange('dayGridMonth', '2027-06-15')).toEqual({ from: local(2027, 5, 31), to: local(2027, 7, 12) });
    // 1 March 2027 is a Monday: the grid starts on the 1st.
    expect(expectedRange('dayGridMonth', '2027-03-20')).toEqual({ from: local(2027, 3, 1), to: local(2027, 4, 12) });
  });

  it('is the Monday-first week for the week view and the calendar month for the list', () => {
    expect(expectedRange('timeGridWeek', '2027-06-13')).toEqual({ from: local(2027, 6, 7), to: local(2027, 6, 14) });
    expect(expectedRange('listMonth', '2027-12-05')).toEqual({ from: local(2027, 12, 1), to: local(2028, 1, 1) });
  });

  it('uses today when the address names no date', () => {
    // 14 February 2027; 1 February is a Monday.
    expect(expectedRange('dayGridMonth', undefined, new Date(2027, 1, 14))).toEqual({ from: local(2027, 2, 1), to: local(2027, 3, 15) });
  });
});
