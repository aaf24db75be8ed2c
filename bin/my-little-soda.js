#!/usr/bin/env node
const args = process.argv.slice(2);

// A reader that stopped reading (`my-little-soda status | head -3`) is not an error: stop quietly,
// as other command-line tools do, instead of dying on an unhandled EPIPE with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // The fast path: exactly what commander prints for --version, without loading commander.
  const { readVersion } = await import("../dist/version.js");
  process.stdout.write(`${readVersion()}\n`);
} else {
  const { run } = await import("../dist/cli/main.js");
  process.exitCode = await run(args, {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  });
}
