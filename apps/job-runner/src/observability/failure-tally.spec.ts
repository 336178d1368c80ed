import { FailureTally, renderFailureTable } from './failure-tally';

describe('FailureTally', () => {
  it('counts by event, api, status and reason, most frequent first, and reports each record to its listener', () => {
    const seen: string[] = [];
    const tally = new FailureTally((key) => seen.push(key.reason));
    tally.record({ event: 'auth_failure', api: 'payments-api', status: 403, reason: 'insufficient_scope' });
    tally.record({ event: 'auth_failure', api: 'orders-api', status: 401, reason: 'wrong_audience' });
    tally.record({ event: 'auth_failure', api: 'orders-api', status: 401, reason: 'wrong_audience' });
    tally.record({ event: 'token_failure', api: 'orders-api', status: 401, reason: 'invalid_client' });

    expect(tally.entries()).toEqual([
      { event: 'auth_failure', api: 'orders-api', status: 401, reason: 'wrong_audience', count: 2 },
      { event: 'token_failure', api: 'orders-api', status: 401, reason: 'invalid_client', count: 1 },
      { event: 'auth_failure', api: 'payments-api', status: 403, reason: 'insufficient_scope', count: 1 },
    ]);
    expect(tally.total).toBe(4);
    expect(seen).toEqual(['insufficient_scope', 'wrong_audience', 'wrong_audience', 'invalid_client']);
  });
});

describe('renderFailureTable', () => {
  it('aligns the columns and right-aligns the counts', () => {
    expect(
      renderFailureTable([
        { event: 'auth_failure', api: 'orders-api', status: 401, reason: 'wrong_audience', count: 12 },
        { event: 'auth_failure', api: 'payments-api', status: 403, reason: 'insufficient_scope', count: 1 },
      ]),
    ).toBe(
      [
        'event         api           status  reason              count',
        'auth_failure  orders-api    401     wrong_audience         12',
        'auth_failure  payments-api  403     insufficient_scope      1',
        '',
      ].join('\n'),
    );
  });

  it('says so when nothing failed', () => {
    expect(renderFailureTable([])).toBe('no 401, 403 or token failures\n');
  });
});
