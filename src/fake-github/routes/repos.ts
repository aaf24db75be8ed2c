import { renderRepo } from "../render.js";
import { json, repoRoute, type RouteDef } from "./context.js";
import { param } from "./body.js";

export const repoRoutes: RouteDef[] = [
  repoRoute("GET", "", (ctx) => json(200, renderRepo(ctx.repo, ctx.login))),

  repoRoute("GET", "/collaborators/:user/permission", (ctx) => {
    const user = param(ctx.params, "user");
    const level = ctx.repo.permissionOf(user);
    const permission = level === "none" && !ctx.repo.isPrivate ? "read" : level;
    return json(200, { permission, role_name: permission, user: ctx.world.users.json(user) });
  }),
];
