import { failure, regainAt, usagePercent } from '../../server/networks/meta/graph';

/** Graph's error envelope as the four error kinds, and its usage headers as when to call again. */
const answer = (error: Record<string, unknown>, status = 400, headers: Record<string, string> = {}) => ({
  status,
  headers,
  data: { error: { message: 'words from Meta', type: 'OAuthException', fbtrace_id: 'AbC', ...error } },
});
const NOW = 1_700_000_000_000;

describe('Meta Graph errors', () => {
  it.each([
    [{ code: 190, error_subcode: 460 }, 'auth', 'meta_token_revoked'],
    [{ code: 190, error_subcode: 463 }, 'auth', 'meta_token_revoked'],
    [{ code: 10 }, 'auth', 'meta_permission_missing'],
    [{ code: 200 }, 'auth', 'meta_permission_missing'],
    [{ code: 4, error_subcode: 2207051 }, 'unknown', 'meta_action_blocked'],
    [{ code: 9, error_subcode: 2207042 }, 'retryable', 'meta_publishing_limit'],
    [{ code: 32 }, 'retryable', 'rate_limited'],
    [{ code: 80002 }, 'retryable', 'rate_limited'],
    [{ code: 506 }, 'unknown', 'duplicate_content'],
    [{ code: 100, error_subcode: 2207026 }, 'permanent', 'network_rejected'],
    [{ code: 368 }, 'permanent', 'meta_blocked'],
  ])('%j is %s (%s)', (error, kind, code) => {
    const err = failure(answer(error), NOW, 'publish');
    expect([err.kind, err.code]).toEqual([kind, code]);
    // Meta's own words and its trace id, for a person and for Meta's support.
    expect(err.message).toBe('publish: words from Meta (fbtrace_id AbC)');
  });

  it('code 4 alone (application throttled) is retried, not an unknown outcome', () => {
    expect(failure(answer({ code: 4 }), NOW, 'publish').kind).toBe('retryable');
  });

  it('a service error is retried for a read, unknown for a write (it may have been applied)', () => {
    expect(failure(answer({ code: 2, is_transient: true }, 500), NOW, 'read').kind).toBe('retryable');
    expect(failure(answer({ code: 2, is_transient: true }, 500), NOW, 'publish', { write: true }).kind).toBe('unknown');
  });

  it('a throttled answer waits for the business use case header’s regain time', () => {
    const headers = {
      'x-business-use-case-usage': JSON.stringify({ '1784': [{ type: 'instagram', call_count: 100, estimated_time_to_regain_access: 7 }] }),
    };
    const err = failure(answer({ code: 80002 }, 400, headers), NOW, 'publish');
    expect(err.retryAfterMs).toBe(NOW + 7 * 60_000);
    // Without any header, an hour: Meta's windows are an hour long.
    expect(failure(answer({ code: 17 }), NOW, 'publish').retryAfterMs).toBe(NOW + 3600_000);
  });

  it('an answer without the envelope is judged by its status', () => {
    expect(failure({ status: 503, headers: { 'retry-after': '5' }, data: null }, NOW, 'x')).toMatchObject({
      kind: 'retryable',
      retryAfterMs: NOW + 5000,
    });
    expect(failure({ status: 401, headers: {}, data: 'no json' }, NOW, 'x').kind).toBe('auth');
  });

  it('usage headers: the highest share spent, a broken header ignored', () => {
    expect(usagePercent({ 'x-app-usage': '{"call_count":12,"total_cputime":40,"total_time":3}' })).toBe(40);
    expect(
      usagePercent({
        'x-app-usage': 'not json',
        'x-business-use-case-usage': '{"1":[{"type":"pages","call_count":88,"total_cputime":1,"total_time":1}]}',
      })
    ).toBe(88);
    expect(regainAt({ 'x-business-use-case-usage': '{oops' }, NOW)).toBeNull();
  });
});
