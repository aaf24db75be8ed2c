import { invalidField, notFound, validationFailed } from "../errors.js";

// Typed access to request bodies and path parameters, failing with GitHub's own 422 wording.

export type Body = Record<string, unknown>;

export function asObject(body: unknown): Body {
  return typeof body === "object" && body !== null && !Array.isArray(body) ? (body as Body) : {};
}

export function optionalString(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== "string") throw invalidField(key, value, "a string");
  return value;
}

export function nullableString(body: Body, key: string): string | null | undefined {
  return body[key] === null ? null : optionalString(body, key);
}

export function requiredString(body: Body, key: string, resource: string): string {
  const value = optionalString(body, key);
  if (value === undefined || value === "") throw validationFailed({ resource, code: "missing_field", field: key });
  return value;
}

export function optionalBoolean(body: Body, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalidField(key, value, "a boolean");
  return value;
}

export function optionalStringArray(body: Body, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string"))
    throw invalidField(key, value, "an array of strings");
  return value as string[];
}

/** Label lists may be names or `{name}` objects, and the add/set endpoints accept a bare array. */
export function labelNames(body: unknown): string[] | undefined {
  const raw = Array.isArray(body) ? body : asObject(body)["labels"];
  if (raw === undefined || raw === null) return undefined;
  if (!Array.isArray(raw)) throw invalidField("labels", raw, "an array");
  return raw.map((item: unknown) => {
    if (typeof item === "string") return item;
    const name = asObject(item)["name"];
    if (typeof name === "string") return name;
    throw invalidField("labels", raw, "an array of strings");
  });
}

/** A non-numeric issue number is simply a path GitHub does not have. */
export function numberParam(params: Record<string, string>, key = "number"): number {
  const raw = params[key] ?? "";
  if (!/^\d+$/.test(raw)) throw notFound();
  return Number(raw);
}

export function param(params: Record<string, string>, key: string): string {
  return params[key] ?? "";
}
