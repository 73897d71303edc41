import {
  eventOf,
  toOf,
  fromFor,
  fromOf,
  nextState,
  personTransitions,
  PUBLICATION_RULES,
  PUBLICATION_STATES,
  PUBLICATION_TRANSITIONS,
  type PublicationState,
  type PublicationTransition,
} from '../../shared/publishing/states';

const _ = null;
type Cell = PublicationState | null;

/**
 * The whole table written out by hand: what each transition makes of a row in
 * each state (null: refused, the conditional update changes nothing). A change
 * to the table that is not also made here fails.
 */
// prettier-ignore
const MATRIX: Record<PublicationTransition, [Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell, Cell]> = {
  //                   scheduled     held          claimed        publishing    published     failed        unknown       missed        cancelled
  claim:              ['claimed',    _,            _,             _,            _,            _,            _,            _,            _],
  give_back:          [_,            _,            'scheduled',   _,            _,            _,            _,            _,            _],
  lease_expired:      [_,            _,            'scheduled',   _,            _,            _,            _,            _,            _],
  back_off:           [_,            _,            'scheduled',   _,            _,            _,            _,            _,            _],
  start:              [_,            _,            'publishing',  _,            _,            _,            _,            _,            _],
  succeed:            [_,            _,            _,             'published',  _,            _,            'published',  _,            _],
  retry_later:        [_,            _,            _,             'scheduled',  _,            _,            _,            _,            _],
  fail:               [_,            _,            'failed',      'failed',     _,            _,            _,            _,            _],
  hold:               ['held',       _,            'held',        'held',       _,            _,            _,            _,            _],
  release:            [_,            'scheduled',  _,             _,            _,            _,            _,            _,            _],
  outcome_unknown:    [_,            _,            _,             'unknown',    _,            _,            _,            _,            _],
  recheck:            [_,            _,            _,             _,            _,            _,            'unknown',    _,            _],
  reconcile_found:    [_,            _,            _,             _,            _,            _,            'published',  _,            _],
  reconcile_absent:   [_,            _,            _,             _,            _,            _,            'scheduled',  _,            _],
  miss:               ['missed',     _,            _,             _,            _,            _,            _,            _,            _],
  drop:               ['cancelled',  'cancelled',  'cancelled',   _,            _,            _,            _,            _,            _],
  move:               ['scheduled',  'held',       'scheduled',   _,            _,            _,            _,            _,            _],
  rearm:              [_,            _,            _,             _,            _,            'scheduled',  _,            'scheduled',  'scheduled'],
  publish_now:        ['scheduled',  _,            _,             _,            _,            _,            _,            _,            _],
  retry:              [_,            'scheduled',  _,             _,            _,            'scheduled',  'scheduled',  'scheduled',  _],
  cancel:             ['cancelled',  'cancelled',  'cancelled',   _,            _,            'cancelled',  'cancelled',  'cancelled',  _],
  mark_published:     [_,            _,            _,             _,            _,            'published',  'published',  'published',  _],
  note_first_comment: [_,            _,            _,             _,            'published',  _,            _,            _,            _],
};
const COLUMNS: PublicationState[] = ['scheduled', 'held', 'claimed', 'publishing', 'published', 'failed', 'unknown', 'missed', 'cancelled'];

describe('publication states', () => {
  it('lists every state and transition the matrix covers', () => {
    expect([...PUBLICATION_STATES].sort()).toEqual([...COLUMNS].sort());
    expect([...PUBLICATION_TRANSITIONS].sort()).toEqual(Object.keys(MATRIX).sort());
  });

  for (const name of PUBLICATION_TRANSITIONS) {
    describe(name, () => {
      COLUMNS.forEach((state, i) => {
        const expected = MATRIX[name][i];
        it(expected ? `${state} → ${expected}` : `${state}: refused`, () => {
          expect(nextState(state, name)).toBe(expected);
          expect(fromOf(name).includes(state)).toBe(expected !== null);
          if (expected === null) expect(() => fromFor(name, state)).toThrow(`Transition ${name} cannot leave ${state}`);
          else expect(fromFor(name, state)).toEqual([state]);
        });
      });
    });
  }

  it('lets nothing leave published, and nothing skip the attempt id', () => {
    for (const name of PUBLICATION_TRANSITIONS) expect(nextState('published', name) ?? 'published').toBe('published');
    // Only `start` reaches publishing: the attempt id is stored before anything is sent.
    const intoPublishing = PUBLICATION_RULES.filter((r) => r.to === 'publishing').map((r) => r.name);
    expect(intoPublishing).toEqual(['start']);
  });

  it('offers a person the actions of the Publishing page, state by state', () => {
    expect(Object.fromEntries(COLUMNS.map((s) => [s, personTransitions(s)]))).toEqual({
      scheduled: ['publish_now', 'cancel'],
      held: ['retry', 'cancel'],
      claimed: ['cancel'],
      publishing: [],
      published: [],
      failed: ['retry', 'cancel', 'mark_published'],
      unknown: ['retry', 'cancel', 'mark_published'],
      missed: ['retry', 'cancel', 'mark_published'],
      cancelled: [],
    });
  });

  it('writes one state per conditional update, or none when each row keeps its own', () => {
    expect(toOf('hold', ['claimed', 'publishing'])).toBe('held');
    expect(toOf('succeed', ['publishing', 'unknown'])).toBe('published');
    expect(toOf('move', ['scheduled', 'held'])).toBeNull();
    expect(toOf('move', ['claimed'])).toBe('scheduled');
    expect(toOf('recheck', ['unknown'])).toBeNull();
    expect(() => toOf('move', ['held', 'claimed'])).toThrow('leads to different states');
    expect(() => toOf('start', ['scheduled'])).toThrow('cannot leave scheduled');
    expect(eventOf('retry_later')).toBe('retry_later');
    expect(eventOf('publish_now')).toBe('publishNow');
    expect(eventOf('claim')).toBe('claim');
  });

  it('gives the whole from-set when a caller does not narrow it', () => {
    expect(fromFor('cancel')).toEqual(['scheduled', 'held', 'claimed', 'failed', 'unknown', 'missed']);
    expect(fromFor('succeed', 'publishing')).toEqual(['publishing']);
  });
});
