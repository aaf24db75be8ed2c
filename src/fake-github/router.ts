import { safeDecode } from "./http-io.js";
import type { RouteDef } from "./routes/context.js";

interface CompiledRoute {
  def: RouteDef;
  regex: RegExp;
  keys: string[];
}

export interface RouteMatch {
  def: RouteDef;
  params: Record<string, string>;
}

function compile(def: RouteDef): CompiledRoute {
  const keys: string[] = [];
  const source = def.pattern
    .split("/")
    .map((segment) => {
      if (segment.startsWith(":")) {
        keys.push(segment.slice(1));
        return "([^/]+)";
      }
      if (segment.startsWith("*")) {
        keys.push(segment.slice(1));
        return "(.*)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { def, regex: new RegExp(`^${source}/?$`), keys };
}

/** Matches on the raw path so an encoded `/` inside a label name never splits a segment. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(defs: RouteDef[]) {
    this.routes = defs.map(compile);
  }

  /** A path known under another method is still unmatched: GitHub answers 404 there too. */
  match(method: string, rawPath: string): RouteMatch | null {
    for (const route of this.routes) {
      if (route.def.method !== method) continue;
      const found = route.regex.exec(rawPath);
      if (!found) continue;
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = safeDecode(found[index + 1] ?? "");
      });
      return { def: route.def, params };
    }
    return null;
  }
}
