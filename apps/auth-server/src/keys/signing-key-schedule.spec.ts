import { keySchedule } from './signing-key-schedule';

const t = (seconds: number) => new Date(Date.UTC(2026, 10, 29, 12, 0, 0) + seconds * 1000);
const RETAIN_S = 660;

describe('keySchedule', () => {
  it('signs with the only key and publishes it', () => {
    expect(keySchedule([{ kid: 'a', signsFrom: t(0) }], t(10), RETAIN_S)).toEqual({
      signing: 'a',
      published: ['a'],
      expired: [],
      nextChangeAt: undefined,
    });
  });

  it('publishes a new key before it signs, and changes when it starts signing', () => {
    const schedule = keySchedule(
      [
        { kid: 'a', signsFrom: t(0) },
        { kid: 'b', signsFrom: t(700) },
      ],
      t(100),
      RETAIN_S,
    );
    expect(schedule.signing).toBe('a');
    expect(schedule.published).toEqual(['a', 'b']);
    expect(schedule.nextChangeAt).toEqual(t(700));
  });

  it('signs with the new key once its time has come and keeps the old one published for retainS', () => {
    const keys = [
      { kid: 'a', signsFrom: t(0) },
      { kid: 'b', signsFrom: t(700) },
    ];
    const rotated = keySchedule(keys, t(700), RETAIN_S);
    expect(rotated.signing).toBe('b');
    expect(rotated.published).toEqual(['b', 'a']);
    expect(rotated.nextChangeAt).toEqual(t(700 + RETAIN_S));

    const retired = keySchedule(keys, t(700 + RETAIN_S), RETAIN_S);
    expect(retired).toEqual({ signing: 'b', published: ['b'], expired: ['a'], nextChangeAt: undefined });
  });

  it('has no signing key before the first key’s time', () => {
    expect(keySchedule([{ kid: 'a', signsFrom: t(10) }], t(0), RETAIN_S)).toMatchObject({ signing: undefined, published: ['a'] });
  });

  it('orders keys by signsFrom, not by the order given', () => {
    const schedule = keySchedule(
      [
        { kid: 'c', signsFrom: t(2000) },
        { kid: 'a', signsFrom: t(0) },
        { kid: 'b', signsFrom: t(1000) },
      ],
      t(1700),
      RETAIN_S,
    );
    expect(schedule).toEqual({ signing: 'b', published: ['b', 'c'], expired: ['a'], nextChangeAt: t(2000) });
  });
});
