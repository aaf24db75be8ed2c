// Logins, their numeric ids and their tokens. Logins compare case-insensitively, like GitHub.

export type AuthResult = { kind: "missing" } | { kind: "bad" } | { kind: "ok"; login: string };

export interface UserJson {
  login: string;
  id: number;
  node_id: string;
  type: "User";
  site_admin: false;
}

export class UserDirectory {
  private readonly loginsByToken = new Map<string, string>();
  private readonly usersByKey = new Map<string, { login: string; id: number }>();
  private nextId = 1;

  addUser(login: string, token: string): void {
    this.idOf(login);
    this.loginsByToken.set(token, this.canonical(login));
  }

  /** A token revoked on github.com: from now on it is answered with 401. */
  revokeToken(token: string): void {
    this.loginsByToken.delete(token);
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
    const login = match?.[1] === undefined ? undefined : this.loginsByToken.get(match[1]);
    return login === undefined ? { kind: "bad" } : { kind: "ok", login };
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
