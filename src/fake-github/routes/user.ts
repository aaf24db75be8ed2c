import { globalRoute, json, type RouteDef } from "./context.js";

export const userRoutes: RouteDef[] = [
  globalRoute("GET", "/user", (ctx) => {
    const user = ctx.world.users.json(ctx.login);
    return json(200, { ...user, name: user.login, html_url: `${ctx.world.baseUrl}/${user.login}` });
  }),

  // Free of charge on GitHub, and the pipeline does not count it either.
  globalRoute("GET", "/rate_limit", (ctx) => {
    const { limit, remaining, used, resetAt } = ctx.limits.snapshot(ctx.login);
    const core = { limit, used, remaining, reset: Math.ceil(resetAt.getTime() / 1000), resource: "core" };
    return json(200, { resources: { core }, rate: core });
  }),
];
