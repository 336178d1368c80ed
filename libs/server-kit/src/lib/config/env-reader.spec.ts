import { ConfigError, EnvReader } from './env-reader';

describe('EnvReader', () => {
  it('reads typed values with fallbacks, treating empty as unset', () => {
    const env = new EnvReader({ PORT: '8080', HOST: '  ', LEVEL: 'DEBUG' });
    expect(env.port('PORT', 1)).toBe(8080);
    expect(env.string('HOST', '127.0.0.1')).toBe('127.0.0.1');
    expect(env.oneOf('LEVEL', ['info', 'debug'], 'info')).toBe('debug');
    expect(env.finish('done')).toBe('done');
  });

  it('collects every problem before failing', () => {
    const env = new EnvReader({ PORT: '70000', URL: 'ftp://x' });
    env.port('PORT', 1);
    env.url('URL', ['http:']);
    expect(() => env.finish({})).toThrow(ConfigError);
    try {
      env.finish({});
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'PORT must be a port number from 0 to 65535, got "70000"',
        'URL must be an absolute URL starting with http://',
      ]);
    }
  });

  it('reads whole numbers within a range, and names the variable when one is out of it', () => {
    const env = new EnvReader({ TTL: '600', BAD: '5s', HIGH: '90000' });
    expect(env.integer('TTL', 1, { min: 1, max: 86400 })).toBe(600);
    expect(env.integer('UNSET', 7, { min: 1, max: 86400 })).toBe(7);
    env.integer('BAD', 1, { min: 1, max: 86400 });
    env.integer('HIGH', 1, { min: 1, max: 86400 });
    expect(() => env.finish({})).toThrow(
      'BAD must be a whole number from 1 to 86400, got "5s"\nHIGH must be a whole number from 1 to 86400, got "90000"',
    );
  });

  it('merges the problems of a section that throws them', () => {
    const env = new EnvReader({});
    const value = env.section(() => {
      throw Object.assign(new Error('bad'), { problems: ['A is bad', 'B is bad'] });
    });
    expect(value).toBeUndefined();
    expect(() => env.finish({})).toThrow('A is bad\nB is bad');
  });

  it('lets other errors through', () => {
    const env = new EnvReader({});
    expect(() =>
      env.section(() => {
        throw new TypeError('a bug');
      }),
    ).toThrow(TypeError);
  });
});
