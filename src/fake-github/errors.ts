// GitHub's error bodies, so the CLI's error translation is exercised against the real shapes:
// `{message, errors?, documentation_url, status}` with `status` as a string.

export const DOCS_URL = "https://docs.github.com/rest";
export const RATE_LIMIT_DOCS_URL = "https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting";
export const SECONDARY_RATE_LIMIT_DOCS_URL =
  "https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits";

export interface ValidationErrorItem {
  resource: string;
  code: string;
  field?: string;
  message?: string;
}

/** Some endpoints (reviews) list plain sentences instead of objects under `errors`. */
export type ErrorItem = ValidationErrorItem | string;

/** Thrown by route handlers; the pipeline turns it into a response. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ErrorItem[],
    readonly documentationUrl: string = DOCS_URL,
  ) {
    super(message);
    this.name = "ApiError";
  }

  body(): Record<string, unknown> {
    return errorBody(this.status, this.message, this.errors, this.documentationUrl);
  }
}

export function errorBody(
  status: number,
  message: string,
  errors?: ErrorItem[],
  documentationUrl: string = DOCS_URL,
): Record<string, unknown> {
  const body: Record<string, unknown> = { message };
  if (errors) body["errors"] = errors;
  body["documentation_url"] = documentationUrl;
  body["status"] = String(status);
  return body;
}

export const notFound = (message = "Not Found"): ApiError => new ApiError(404, message);

/** A bare 422 such as "Reference already exists". */
export const unprocessable = (message: string): ApiError => new ApiError(422, message);

export const validationFailed = (...errors: ValidationErrorItem[]): ApiError =>
  new ApiError(422, "Validation Failed", errors);

/** GitHub's other 422 shape, used by the review endpoints: sentences under "Unprocessable Entity". */
export const unprocessableEntity = (...sentences: string[]): ApiError =>
  new ApiError(422, "Unprocessable Entity", sentences);

/** GitHub's wording when a JSON body field has the wrong type. */
export function invalidField(key: string, value: unknown, expected: string): ApiError {
  return new ApiError(422, `Invalid request.\n\nFor 'properties/${key}', ${JSON.stringify(value)} is not ${expected}.`);
}

/** Refused the way GitHub would refuse the request: a test bug, said in the test's words. */
export async function asPerson<T>(action: () => T | Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const detail = error.errors ? ` ${JSON.stringify(error.errors)}` : "";
    throw new Error(`fake GitHub would refuse this: ${error.status} ${error.message}${detail}`, { cause: error });
  }
}
