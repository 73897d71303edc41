import { currentSchedule, droppedSchedule } from '../../admin/pages/Calendar/schedule';
import type { CalendarEvent } from '../../server/calendar/dto';

const post = (scheduledAt: string, localTime: string | null, timezone: string | null = 'Europe/Paris'): CalendarEvent => ({
  documentId: 'abc',
  title: 'A post',
  scheduledAt,
  timezone,
  localTime,
  status: 'draft',
  pillar: null,
  campaign: null,
  accounts: [],
  entry: null,
  live: [],
});
const days = (n: number) => ({ years: 0, months: 0, days: n, milliseconds: 0 });

describe('where a dropped post goes', () => {
  it('keeps its wall-clock time in its own zone when moved by whole days, across a clock change', () => {
    // 09:00 Paris on Friday 26 March 2027 (UTC+1), dragged two days on: Sunday 28 March is UTC+2.
    const moved = droppedSchedule(
      post('2027-03-26T08:00:00.000Z', '2027-03-26T09:00'),
      days(2),
      new Date('2027-03-28T08:00:00.000Z'),
      'America/New_York'
    );
    expect(moved).toEqual({ local: '2027-03-28T09:00', timezone: 'Europe/Paris' });
  });

  it('reads the slot dropped on in the post’s zone when moved within a day (week view)', () => {
    const moved = droppedSchedule(
      post('2027-06-10T07:00:00.000Z', '2027-06-10T09:00'),
      { years: 0, months: 0, days: 0, milliseconds: 90 * 60_000 },
      new Date('2027-06-10T08:30:00.000Z'),
      'UTC'
    );
    expect(moved).toEqual({ local: '2027-06-10T10:30', timezone: 'Europe/Paris' });
  });

  it('uses the editor’s zone for a post planned without one', () => {
    expect(droppedSchedule(post('2027-06-10T07:00:00.000Z', null, null), days(1), new Date(), 'Asia/Kolkata')).toEqual({
      local: '2027-06-11T12:30',
      timezone: 'Asia/Kolkata',
    });
  });
});

describe('where Undo sends a post back', () => {
  it('is its local time and zone', () => {
    expect(currentSchedule(post('2027-06-10T07:00:00.000Z', '2027-06-10T09:00'), 'UTC')).toEqual({
      local: '2027-06-10T09:00',
      timezone: 'Europe/Paris',
    });
  });

  it.each([
    ['2027-10-31T00:30:00.000Z', 'earlier'],
    ['2027-10-31T01:30:00.000Z', 'later'],
  ])('names which 02:30 of the fall-back night it was (%s is the %s)', (scheduledAt, fold) => {
    expect(currentSchedule(post(scheduledAt, '2027-10-31T02:30'), 'UTC')).toEqual({
      local: '2027-10-31T02:30',
      timezone: 'Europe/Paris',
      fold,
    });
  });
});
