import { createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";

const MAX_BODY_BYTES = 25 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error("request body too large"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Same shape as GitHub's, e.g. "C0DE:1A2B:3C4D5E:6F7A8B:65F0A1B2". */
export function newRequestId(): string {
  const hex = randomBytes(12).toString("hex").toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}:${hex.slice(20, 24)}`;
}

export function weakEtag(text: string): string {
  return `W/"${createHash("sha1").update(text).digest("hex")}"`;
}

/** Clients may echo the weak or the strong form, or a list; GitHub accepts all of them. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const strip = (tag: string): string => tag.trim().replace(/^W\//, "");
  const wanted = strip(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || strip(tag) === wanted);
}

export function writeResponse(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string | undefined,
): void {
  if (res.destroyed || res.writableEnded) return;
  const all: Record<string, string | number> = { ...headers };
  if (text !== undefined) all["content-length"] = Buffer.byteLength(text);
  try {
    res.writeHead(status, all);
    res.end(text);
  } catch {
    // The client or close() tore the socket down while we were answering: nothing to tell.
  }
}

export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
