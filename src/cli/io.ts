/** What a command may touch of the outside world; `main` passes the real one, tests their own. */
export interface Io {
  /** For confirmations; absent or not a TTY means nobody is there to answer. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface GlobalOptions {
  repo?: string;
  apiUrl?: string;
  agent?: string;
  config?: string;
  json: boolean;
  quiet: boolean;
  debug: boolean;
  /** false with --no-color. */
  color: boolean;
}
