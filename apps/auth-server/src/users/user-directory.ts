import { hashPassword, verifyPassword } from './password-hash';

/** A person who can sign in on the login page. */
export interface UserAccount {
  /** The stable subject identifier in tokens. */
  readonly sub: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  /** The API scopes this user may delegate to an application. */
  readonly scopes: readonly string[];
  readonly passwordHash: string;
}

/** The accounts the login page checks passwords against. */
export class UserDirectory {
  private readonly bySub: Map<string, UserAccount>;
  private readonly byUsername: Map<string, UserAccount>;

  private constructor(
    accounts: readonly UserAccount[],
    private readonly dummyHash: string,
  ) {
    this.bySub = new Map(accounts.map((account) => [account.sub, account]));
    this.byUsername = new Map(accounts.map((account) => [account.username.toLowerCase(), account]));
  }

  static async create(accounts: readonly UserAccount[]): Promise<UserDirectory> {
    return new UserDirectory(accounts, await hashPassword('no account has this password'));
  }

  find(sub: string): UserAccount | undefined {
    return this.bySub.get(sub);
  }

  /** The account when the password is right. An unknown username costs a hash too, so timing does not reveal which usernames exist. */
  async authenticate(username: string, password: string): Promise<UserAccount | undefined> {
    const account = this.byUsername.get(username.trim().toLowerCase());
    const matches = await verifyPassword(password, account?.passwordHash ?? this.dummyHash);
    return account && matches ? account : undefined;
  }
}
