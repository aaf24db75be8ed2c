#!/usr/bin/env node
const args = process.argv.slice(2);

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
