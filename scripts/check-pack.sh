#!/usr/bin/env bash
# The npm package check: pack the repository as `npm publish` would, install the tarball globally
# into a throwaway prefix as a user without the source would, and run the installed CLI from a
# directory outside the repository: --version, --help and the demo (whose fake GitHub ships in dist/).
#
#   bash scripts/check-pack.sh        (or: npm run check:pack)
#   CHECK_PACK_KEEP=1 bash scripts/check-pack.sh   keeps the temporary directory to look around in
#
# Needs the devDependencies (prepack builds with tsc) and the npm registry: the install fetches the
# runtime dependencies and compiles better-sqlite3 from source (about two minutes on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d "${TMPDIR:-/tmp}/mls-check-pack.XXXXXX")
if [[ "${CHECK_PACK_KEEP:-}" == 1 ]]; then
  trap 'echo "check-pack: kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work/pack" "$work/prefix" "$work/home" "$work/elsewhere"

started=$SECONDS
step_started=$SECONDS
took() { echo "check-pack: $1 in $((SECONDS - step_started)) s"; step_started=$SECONDS; }
fail() {
  echo "check-pack: FAILED: $1" >&2
  shift
  for log in "$@"; do
    echo "----- $log (last 60 lines)" >&2
    tail -n 60 "$log" >&2
  done
  exit 1
}

# 1. Pack. prepack empties dist/ and builds it, so the tarball holds exactly what src/ compiles to.
npm pack --pack-destination "$work/pack" >"$work/pack.log" 2>&1 || fail "npm pack" "$work/pack.log"
tarballs=("$work"/pack/*.tgz)
[[ ${#tarballs[@]} == 1 && -f "${tarballs[0]}" ]] || fail "expected one tarball in $work/pack" "$work/pack.log"
tarball=${tarballs[0]}
tar -tzf "$tarball" | sed 's|^package/||' | sort >"$work/contents.txt"
took "packed $(basename "$tarball") ($(wc -l <"$work/contents.txt") files, $(du -k "$tarball" | cut -f1) KiB)"

# What runs ships; what only builds, tests or measures does not.
for needed in package.json README.md LICENSE my-little-soda.example.toml bin/my-little-soda.js \
  dist/version.js dist/cli/main.js dist/demo/seed-demo.js dist/fake-github/server.js; do
  grep -qxF "$needed" "$work/contents.txt" || fail "the package lacks $needed" "$work/contents.txt"
done
if grep -E '^(src|test|bench|scripts|docs|node_modules|\.ci|\.my-little-soda)/|\.ts$|\.map$|^tsconfig|^vitest|^eslint' \
  "$work/contents.txt" >"$work/unwanted.txt"; then
  fail "the package ships files that do not run" "$work/unwanted.txt"
fi

# 2. Install globally into the throwaway prefix: runtime dependencies only, from the registry.
# The real HOME stays for npm here (its cache, and the npmrc that says where Node's headers are).
npm install --global --prefix "$work/prefix" --allow-scripts=better-sqlite3 --no-audit --no-fund \
  --prefer-offline "$tarball" \
  >"$work/install.log" 2>&1 || fail "npm install -g" "$work/install.log"
installed="$work/prefix/lib/node_modules/my-little-soda"
cli="$work/prefix/bin/my-little-soda"
[[ -x "$cli" ]] || fail "no executable at $cli" "$work/install.log"
[[ "$(readlink -f "$cli")" == "$(readlink -f "$installed")"/* ]] || fail "$cli does not point into $installed"
for dev in typescript tsx vitest eslint; do
  [[ ! -e "$installed/node_modules/$dev" ]] || fail "the devDependency $dev was installed"
done
took "installed into $work/prefix"

# 3. Run the installed CLI as a user would: outside the repository, with an empty HOME and no
# git configuration of their own, no token, and nothing from the repository on any path.
in_elsewhere() {
  (cd "$work/elsewhere" && env -u NODE_PATH -u GITHUB_TOKEN -u GH_TOKEN -u MY_LITTLE_SODA_GITHUB_TOKEN \
    HOME="$work/home" GIT_CONFIG_GLOBAL=/dev/null NO_COLOR=1 "$@")
}

version=$(in_elsewhere "$cli" --version) || fail "--version exited non-zero"
expected=$(node -p 'require("./package.json").version')
[[ "$version" == "$expected" ]] || fail "--version printed '$version', package.json says '$expected'"
echo "check-pack: --version: $version"

in_elsewhere "$cli" --help >"$work/help.txt" 2>&1 || fail "--help exited non-zero" "$work/help.txt"
grep -q '^Usage: my-little-soda' "$work/help.txt" || fail "--help printed no usage line" "$work/help.txt"
grep -qE '^  demo( |$)' "$work/help.txt" || fail "--help lists no demo command" "$work/help.txt"
echo "check-pack: --help: $(wc -l <"$work/help.txt") lines"

in_elsewhere "$cli" demo >"$work/demo.txt" 2>&1 || fail "demo exited non-zero" "$work/demo.txt"
last=$(grep -v '^[[:space:]]*$' "$work/demo.txt" | tail -n 1)
[[ "$last" =~ Demo\ finished:\ ([0-9]+)/([0-9]+)\ commands\ behaved\ as\ expected ]] ||
  fail "demo's last line is not its summary" "$work/demo.txt"
[[ "${BASH_REMATCH[1]}" == "${BASH_REMATCH[2]}" && "${BASH_REMATCH[2]}" -gt 0 ]] ||
  fail "not every demo command behaved as expected" "$work/demo.txt"
echo "check-pack: demo: $last"
took "ran --version, --help and demo from $work/elsewhere"

echo "check-pack: passed in $((SECONDS - started)) s"
