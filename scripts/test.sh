#!/usr/bin/env bash
# Command 2 — run the tests: installs what is missing, starts a throwaway local stack on test ports, runs lint,
# type-check and the whole vitest suite against it, stops the stack, and exits non-zero on any failure.
# Extra arguments go to vitest (e.g. `npm test -- test/integration/stack-smoke.test.ts`).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/test-env.sh
source scripts/test-env.sh
started=$SECONDS

bash stack/stack.sh install
# A previous run that was killed may have left its test stack behind; the test stack is ours to reset.
bash stack/stack.sh stop >/dev/null
rm -rf "${HUB_CACHE_DIR:-$ROOT/.cache}/stacks/$HUB_STACK_NAME/data"
trap 'bash stack/stack.sh stop' EXIT
bash stack/stack.sh start
eval "$(bash stack/stack.sh env)"

echo "==> lint (eslint + prettier)"
npx --no-install eslint --max-warnings 0 .
npx --no-install prettier --check --log-level warn .
echo "==> type-check"
npx --no-install tsc --noEmit -p tsconfig.json
echo "==> tests"
results=${HUB_CACHE_DIR:-$ROOT/.cache}/test-results.json
rc=0
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$results" "$@" || rc=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
' "$results" || true
echo "==> command 2 finished in $((SECONDS - started)) s (exit $rc)"
exit $rc
