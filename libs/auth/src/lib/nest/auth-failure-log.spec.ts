import { AuthFailureLog } from './auth-failure-log';

describe('AuthFailureLog', () => {
  function setUp(perSecond = 2) {
    const lines: Record<string, unknown>[] = [];
    const clock = { now: 1_000_000 };
    const log = new AuthFailureLog({ warn: (line) => lines.push(line) }, perSecond, () => clock.now);
    return { lines, clock, log };
  }

  it('logs every refusal while a reason stays within its lines per second', () => {
    const { lines, log } = setUp();
    log.record('expired', () => ({ event: 'auth_failure', reason: 'expired' }));
    log.record('bad_signature', () => ({ event: 'auth_failure', reason: 'bad_signature' }));
    log.record('expired', () => ({ event: 'auth_failure', reason: 'expired' }));
    expect(lines.map((line) => line['reason'])).toEqual(['expired', 'bad_signature', 'expired']);
  });

  it('counts the refusals beyond the budget and says how many were not logged once the second is over', () => {
    const { lines, clock, log } = setUp();
    for (let i = 0; i < 5; i += 1) log.record('bad_signature', () => ({ event: 'auth_failure', reason: 'bad_signature' }));
    log.record('expired', () => ({ event: 'auth_failure', reason: 'expired' }));
    expect(lines).toHaveLength(3);
    clock.now += 1000;
    log.record('bad_signature', () => ({ event: 'auth_failure', reason: 'bad_signature' }));
    expect(lines.slice(3)).toEqual([
      { event: 'auth_failures_not_logged', byReason: { bad_signature: 3 } },
      { event: 'auth_failure', reason: 'bad_signature' },
    ]);
  });

  it('does not build a line it does not write', () => {
    const { log } = setUp(0);
    const line = jest.fn(() => ({}));
    log.record('expired', line);
    expect(line).not.toHaveBeenCalled();
  });
});
