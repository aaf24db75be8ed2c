import { execFile } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";

/** Where a Chromium-like browser lives on this machine, if it has one (Debian's `chromium` first). */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const names = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];
  if (env.CHROMIUM_BIN) return isExecutable(env.CHROMIUM_BIN) ? env.CHROMIUM_BIN : undefined;
  for (const dir of (env.PATH ?? "").split(path.delimiter).filter(Boolean))
    for (const name of names) if (isExecutable(path.join(dir, name))) return path.join(dir, name);
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * A proxy that serves nothing and counts everything sent to it: plain requests and CONNECT
 * tunnels alike. Pointing the browser at it turns "the page loaded nothing" into a number.
 */
export interface CountingProxy {
  url: string;
  /** The requests seen so far, as `METHOD url`. */
  seen(): string[];
  close(): Promise<void>;
}

export async function startCountingProxy(): Promise<CountingProxy> {
  const seen: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.writeHead(502, { "content-type": "text/plain" }).end("no network in tests\n");
  });
  server.on("connect", (request, socket: Socket) => {
    seen.push(`CONNECT ${request.url}`);
    socket.end("HTTP/1.1 502 Bad Gateway\r\n\r\n");
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen: () => [...seen],
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * Chromium's own calls home, which no flag turns off (an on-demand component check on
 * update.googleapis.com, the account list on accounts.google.com, the network time): these hosts
 * resolve to nothing and skip the proxy, so they never leave the machine and are not counted.
 */
const BROWSER_OWN_HOSTS = ["*.google.com", "*.googleapis.com", "*.gstatic.com"];

/**
 * Run the browser headless on a page with every other request — loopback included — sent to
 * `proxy`, and its background services off, so whatever the proxy sees is the page's doing.
 * Returns stdout (the DOM, with --dump-dom).
 */
export function runChromium(
  bin: string,
  options: { proxy: string; profile: string; args: string[]; timeoutMs?: number },
): Promise<string> {
  const args = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--hide-scrollbars",
    `--user-data-dir=${options.profile}`,
    `--proxy-server=${options.proxy}`,
    `--proxy-bypass-list=<-loopback>;${BROWSER_OWN_HOSTS.join(";")}`,
    `--host-resolver-rules=${BROWSER_OWN_HOSTS.map((host) => `MAP ${host} ~NOTFOUND`).join(", ")}`,
    ...options.args,
  ];
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      {
        timeout: options.timeoutMs ?? 30_000,
        maxBuffer: 32 * 1024 * 1024,
        env: { ...process.env, HOME: options.profile },
      },
      (error, stdout, stderr) => {
        if (error) reject(new Error(`${bin} failed: ${error.message}\n${stderr.slice(-2000)}`));
        else resolve(stdout);
      },
    );
  });
}
