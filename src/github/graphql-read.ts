/**
 * A GraphQL query is sent as a POST but reads: it is neither audited nor paced as a write
 * (design §8, §9). A mutation would be both; the tool sends none today.
 */
export function isGraphqlQuery(method: string, path: string, query: unknown): boolean {
  return (
    method.toUpperCase() === "POST" &&
    /\/graphql$/.test(path) &&
    typeof query === "string" &&
    !/^\s*mutation\b/.test(query)
  );
}

/** The `query` of a GraphQL request body as fetch sends it (a JSON string), if any. */
export function graphqlQueryOf(body: unknown): unknown {
  if (typeof body !== "string") return undefined;
  try {
    return (JSON.parse(body) as { query?: unknown }).query;
  } catch {
    return undefined;
  }
}
