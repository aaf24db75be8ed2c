// Logins, their numeric ids and their tokens. Logins compare case-insensitively, like GitHub.

export type AuthResult =
  | { kind: "missing" }
  | { kind: "bad" }
  | {
      kind: "ok";
      login: string;
      /** A classic token's scopes; undefined for any other token. */
      scopes?: readonly string[];
    };

export interface UserJson {
  login: string;
  id: number;
  node_id: string;
  type: "User";
  site_admin: false;
}

export class UserDirectory {
  private readonly loginsByToken = new Map<string, string>();
  private readonly scopesByToken = new Map<string, readonly string[]>();
  private readonly usersByKey = new Map<string, { login: string; id: number }>();
  private nextId = 1;

  addUser(login: string, token: string, scopes?: readonly string[]): void {
    this.idOf(login);
    this.loginsByToken.set(token, this.canonical(login));
    if (scopes) this.scopesByToken.set(token, [...scopes]);
    else this.scopesByToken.delete(token);
  }

  /** A token revoked on github.com: from now on it is answered with 401. */
  revokeToken(token: string): void {
    this.loginsByToken.delete(token);
    this.scopesByToken.delete(token);
  }

  /** Unknown logins (authors of seeded issues, say) get an id on first sight. */
  idOf(login: string): number {
    return this.entry(login).id;
  }

  canonical(login: string): string {
    return this.entry(login).login;
  }

  authenticate(header: string | undefined): AuthResult {
    if (!header) return { kind: "missing" };
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    const login = token === undefined ? undefined : this.loginsByToken.get(token);
    if (token === undefined || login === undefined) return { kind: "bad" };
    const scopes = this.scopesByToken.get(token);
    return scopes ? { kind: "ok", login, scopes } : { kind: "ok", login };
  }

  json(login: string): UserJson {
    const { login: canonical, id } = this.entry(login);
    return { login: canonical, id, node_id: `U_${id}`, type: "User", site_admin: false };
  }

  private entry(login: string): { login: string; id: number } {
    const key = login.toLowerCase();
    let user = this.usersByKey.get(key);
    if (!user) {
      user = { login, id: this.nextId++ };
      this.usersByKey.set(key, user);
    }
    return user;
  }
}
