import { AppDirectory } from "./apps.js";
import { SignedUrls } from "./signed-urls.js";
import type { RepoState } from "./state.js";
import { UserDirectory } from "./users.js";

/** What every repository and route shares: the server's address, the users, one id sequence. */
export class World {
  baseUrl = "";
  readonly users = new UserDirectory();
  readonly repos = new Map<string, RepoState>();
  readonly apps = new AppDirectory(() => this.nextId());
  /** Pre-signed download links, like the ones GitHub redirects log downloads to. */
  readonly signedUrls = new SignedUrls();
  private lastId = 1000;

  /** One sequence for labels, issues, comments, reviews… so ids never collide, as on GitHub. */
  nextId(): number {
    this.lastId += 1;
    return this.lastId;
  }

  repoKey(owner: string, name: string): string {
    return `${owner}/${name}`.toLowerCase();
  }

  findRepo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(this.repoKey(owner, name));
  }
}
