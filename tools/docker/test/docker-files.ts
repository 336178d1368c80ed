import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '../../..');

/** The apps docker-compose.yml runs, each built from the Dockerfile with APP=<service name>. */
export const APPS = ['auth-server', 'orders-api', 'payments-api', 'job-runner', 'orders-web'] as const;
export type AppName = (typeof APPS)[number];

export interface ComposeService {
  readonly build?: { readonly context: string; readonly args?: Record<string, string> };
  readonly image?: string;
  readonly restart?: string;
  readonly environment?: Record<string, string>;
  readonly ports?: readonly string[];
  readonly depends_on?: Record<string, { readonly condition: string }>;
  readonly healthcheck?: { readonly test: readonly string[] };
}

/**
 * docker-compose.yml as `docker-compose config` resolves it (Debian's docker-compose, as in CI).
 * PyYAML, which that package depends on, turns its YAML into JSON: no YAML parser in npm.
 */
export function composeServices(): Record<string, ComposeService> {
  const yaml = execFileSync('docker-compose', ['-f', 'docker-compose.yml', 'config'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const json = execFileSync('python3', ['-c', 'import json, sys, yaml; json.dump(yaml.safe_load(sys.stdin), sys.stdout)'], {
    input: yaml,
    encoding: 'utf8',
  });
  return (JSON.parse(json) as { services: Record<string, ComposeService> }).services;
}

export interface ImageRecipe {
  /** ENV of the final stage. */
  readonly env: Record<string, string>;
  readonly cmd: readonly string[];
  readonly healthcheck: readonly string[];
}

/** The final stage of the Dockerfile: what every app's container starts with. */
export function imageRecipe(): ImageRecipe {
  const stages = readFileSync(join(REPO_ROOT, 'Dockerfile'), 'utf8').split(/^FROM /m);
  const lines = stages[stages.length - 1].split('\n').filter((line) => !line.startsWith('#'));
  const instruction = (name: string) => lines.filter((line) => line.startsWith(`${name} `)).map((line) => line.slice(name.length + 1));
  const execForm = (text: string | undefined, what: string) => {
    if (text === undefined) throw new Error(`the Dockerfile's last stage has no ${what}`);
    return JSON.parse(text.slice(text.indexOf('['))) as string[];
  };
  const env = Object.fromEntries(
    instruction('ENV')
      .flatMap((line) => line.split(/\s+/))
      .map((pair) => pair.split('=') as [string, string]),
  );
  // HEALTHCHECK's options come before its CMD and hold no "[".
  return { env, cmd: execForm(instruction('CMD')[0], 'CMD'), healthcheck: execForm(instruction('HEALTHCHECK')[0], 'HEALTHCHECK') };
}
