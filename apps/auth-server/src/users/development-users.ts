import { OrderScopes } from '@platform/api-catalog';
import { hashPassword } from './password-hash';
import type { UserAccount } from './user-directory';

/**
 * Development accounts (password = username + "-password"), used when USERS_FILE is unset;
 * refused when NODE_ENV=production.
 */
export async function developmentUsers(): Promise<UserAccount[]> {
  const people = [
    { username: 'alice', name: 'Alice Example', scopes: [OrderScopes.read, OrderScopes.write] },
    { username: 'bob', name: 'Bob Example', scopes: [OrderScopes.readOwn] },
    { username: 'ops', name: 'Ops Example', scopes: [OrderScopes.readAny] },
  ];
  return Promise.all(
    people.map(async (person) => ({
      ...person,
      sub: person.username,
      email: `${person.username}@example.com`,
      passwordHash: await hashPassword(`${person.username}-password`),
    })),
  );
}
