import { notFound, validationFailed } from "../errors.js";
import { renderLabel } from "../render.js";
import type { LabelRecord, RepoState } from "../state.js";
import { asObject, nullableString, optionalString, param, requiredString } from "./body.js";
import { json, listReply, repoRoute, type RouteDef } from "./context.js";

const COLOR = /^#?[0-9a-f]{6}$/i;

function requireLabel(repo: RepoState, name: string): LabelRecord {
  const label = repo.findLabel(name);
  if (!label) throw notFound();
  return label;
}

function checkColor(color: string | undefined): void {
  if (color !== undefined && !COLOR.test(color))
    throw validationFailed({ resource: "Label", code: "invalid", field: "color" });
}

/** Label names are unique regardless of case on GitHub. */
function checkFree(repo: RepoState, name: string, except?: LabelRecord): void {
  const existing = repo.findLabel(name);
  if (existing && existing !== except)
    throw validationFailed({ resource: "Label", code: "already_exists", field: "name" });
}

export const labelRoutes: RouteDef[] = [
  repoRoute("GET", "/labels", (ctx) => listReply(ctx, ctx.repo.labelList(), (label) => renderLabel(ctx.repo, label))),

  repoRoute("GET", "/labels/:name", (ctx) =>
    json(200, renderLabel(ctx.repo, requireLabel(ctx.repo, param(ctx.params, "name")))),
  ),

  repoRoute("POST", "/labels", (ctx) => {
    const body = asObject(ctx.body);
    const name = requiredString(body, "name", "Label");
    const color = optionalString(body, "color") ?? "ededed";
    checkColor(color);
    checkFree(ctx.repo, name);
    const label = ctx.repo.createLabel(name, color, nullableString(body, "description") ?? null);
    return json(201, renderLabel(ctx.repo, label));
  }),

  repoRoute("PATCH", "/labels/:name", (ctx) => {
    const label = requireLabel(ctx.repo, param(ctx.params, "name"));
    const body = asObject(ctx.body);
    const newName = optionalString(body, "new_name") ?? optionalString(body, "name");
    const color = optionalString(body, "color");
    checkColor(color);
    if (newName !== undefined) checkFree(ctx.repo, newName, label);
    const description = nullableString(body, "description");
    ctx.repo.updateLabel(label, {
      ...(newName === undefined ? {} : { name: newName }),
      ...(color === undefined ? {} : { color }),
      ...(description === undefined ? {} : { description }),
    });
    return json(200, renderLabel(ctx.repo, label));
  }),

  repoRoute("DELETE", "/labels/:name", (ctx) => {
    ctx.repo.deleteLabel(requireLabel(ctx.repo, param(ctx.params, "name")));
    return json(204);
  }),
];
