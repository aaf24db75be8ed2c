import { renderSettings } from "../protection.js";
import { renderRepo } from "../render.js";
import { json, repoRoute, type RouteDef } from "./context.js";
import { param } from "./body.js";

export const repoRoutes: RouteDef[] = [
  // The merge settings are shown to people who can push, and left out for readers.
  repoRoute("GET", "", (ctx) => {
    const settings = ctx.repo.canPush(ctx.login) ? renderSettings(ctx.repo.settings) : {};
    return json(200, { ...renderRepo(ctx.repo, ctx.login), ...settings });
  }),

  repoRoute("GET", "/collaborators/:user/permission", (ctx) => {
    const user = param(ctx.params, "user");
    const level = ctx.repo.permissionOf(user);
    const role = level === "none" && !ctx.repo.isPrivate ? "read" : level;
    // The legacy `permission` knows no triage: GitHub says `read` there and `triage` in role_name.
    const permission = role === "triage" ? "read" : role;
    return json(200, { permission, role_name: role, user: ctx.world.users.json(user) });
  }),
];
