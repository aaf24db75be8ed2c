import { StoreError } from "../errors/index.js";

/**
 * better-sqlite3 throws `SqliteError` with a `code` such as `SQLITE_NOTADB`; we translate it at
 * the boundary into a `StoreError` that says what it means for the user.
 */
export function toStoreError(error: unknown, path: string): unknown {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const reason = error instanceof Error ? error.message : String(error);
  if (code === "SQLITE_NOTADB" || code.startsWith("SQLITE_CORRUPT")) {
    return new StoreError(`${path} is not a valid my-little-soda database (${reason})`, {
      hint: `move the file aside to start with empty local state; my-little-soda never deletes it`,
      cause: error,
    });
  }
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new StoreError(`${path} stayed locked by another process (${reason})`, {
      hint: "another my-little-soda process is writing to it; try again",
      cause: error,
    });
  }
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_READONLY") || code.startsWith("SQLITE_PERM")) {
    return new StoreError(`cannot open ${path} for writing (${reason})`, {
      hint: "check the file's and its directory's permissions",
      cause: error,
    });
  }
  if (code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_IOERR")) {
    return new StoreError(`cannot write ${path} (${reason})`, { hint: "check the disk", cause: error });
  }
  return new StoreError(`the store at ${path} failed: ${reason} (${code})`, { cause: error });
}

function sqliteCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("code" in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === "string" && code.startsWith("SQLITE_") ? code : undefined;
}
