// npm run reset: deletes the local stack's data, .data/ under the working directory, and nothing
// else. Refused while something still uses it: the stack, or an app started alone on its own
// embedded PostgreSQL (.data/<app>).
import { existsSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { embeddedPostgresInUse } from './lib/embedded-postgres.mjs';

const data = resolve('.data');
if (!existsSync(data)) {
  console.log(`${data} does not exist: nothing to delete`);
} else {
  const entries = await readdir(data, { withFileTypes: true });
  const dirs = [data, ...entries.filter((entry) => entry.isDirectory()).map((entry) => join(data, entry.name))];
  for (const dir of dirs) {
    const pid = await embeddedPostgresInUse(dir);
    if (pid !== undefined) {
      console.error(`${dir} is in use by process ${pid}: stop it first (Ctrl-C in npm start), then run npm run reset again`);
      process.exit(1);
    }
  }
  await rm(data, { recursive: true, force: true });
  console.log(`deleted ${data}`);
}
