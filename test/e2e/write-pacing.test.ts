import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { initialiseRepository, useWorld, type World } from "../support/e2e-world.js";

// The CLI's production HTTP defaults (no pacing override), as a user runs it: design §9.
const currentWorld = useWorld({ beforeEach, afterEach }, { http: "production" });
let world: World;
beforeEach(async () => {
  world = currentWorld();
  await initialiseRepository(world);
  world.repo.addIssues(3, { labels: ["route:ready"] });
});

const TIME_LINE =
  /^debug: time: \d+ ms in all · GitHub \d+ ms \((\d+) requests\) · git \d+ ms \((\d+) calls\) · waiting (\d+) ms \((\d+) waits\)$/m;

function timeLine(stderr: string) {
  const match = TIME_LINE.exec(stderr);
  if (!match) throw new Error(`no timing line in:\n${stderr}`);
  const [, requests, gitCalls, waitingMs, waits] = match.map(Number);
  return { requests, gitCalls, waitingMs, waits };
}

const writesSince = (before: number) =>
  world.server.requests.slice(before).filter((request) => request.method !== "GET").length;

describe("write pacing with the production defaults", () => {
  it("pop and bottle make their writes without one pacing wait", async () => {
    let before = world.server.requests.length;
    const pop = await world.cli(["--debug", "pop"]);
    expect(pop.code).toBe(0);
    expect(writesSince(before)).toBeGreaterThanOrEqual(3);
    expect(pop.stderr).not.toMatch(/write pacing:/);
    expect(timeLine(pop.stderr)).toMatchObject({ waits: 0, waitingMs: 0 });
    expect(timeLine(pop.stderr).gitCalls).toBeGreaterThan(0);

    await world.sandbox.commitFile(world.clone, "fizz.txt", "fizz\n", "Add fizz");
    before = world.server.requests.length;
    const bottle = await world.cli(["--debug", "bottle", "--no-verify"]);
    expect(bottle.code).toBe(0);
    // Pull request, labels, claim ref: the writes that used to be spaced 1 s and 3 s apart.
    expect(writesSince(before)).toBeGreaterThanOrEqual(3);
    expect(bottle.stderr).not.toMatch(/write pacing:/);
    expect(timeLine(bottle.stderr)).toMatchObject({ waits: 0, waitingMs: 0 });
  });

  it("the same line counts waits when writes are spaced (the override tests use), so the check above can fail", async () => {
    const pop = await world.cli(["--debug", "pop"], {
      // Long enough that the claim ref's write always comes before the spacing since the lease's is over.
      env: { ...world.env, MY_LITTLE_SODA_HTTP_WRITE_SPACING_MS: "1000" },
    });
    expect(pop.code).toBe(0);
    const line = timeLine(pop.stderr);
    expect(line.waits).toBeGreaterThanOrEqual(1);
    expect(line.waitingMs).toBeGreaterThan(0);
    expect(pop.stderr).toMatch(
      /^debug: write pacing: (POST|DELETE|PATCH|PUT) \/repos\/acme\/widgets\/\S+ waits \d+ ms/m,
    );
  });
});
