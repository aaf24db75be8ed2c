// GitHub Apps that report checks. GitHub Actions keeps its real id so tests and clients can
// recognise it the way they would on github.com; other apps get an id on first sight.

import { GITHUB_ACTIONS_APP_ID } from "./types-policy.js";

export interface AppRecord {
  id: number;
  slug: string;
  name: string;
  owner: string;
}

export class AppDirectory {
  private readonly bySlug = new Map<string, AppRecord>([
    ["github-actions", { id: GITHUB_ACTIONS_APP_ID, slug: "github-actions", name: "GitHub Actions", owner: "github" }],
  ]);

  constructor(private readonly nextId: () => number) {}

  app(slug: string): AppRecord {
    let app = this.bySlug.get(slug);
    if (!app) {
      const name = slug.replace(/(^|-)(\w)/g, (_m, dash: string, c: string) => `${dash ? " " : ""}${c.toUpperCase()}`);
      app = { id: this.nextId(), slug, name, owner: slug };
      this.bySlug.set(slug, app);
    }
    return app;
  }
}
