#!/usr/bin/env bash
# Runs the browser tests of the web pages (docs/web.md) for CTest. Exits 77, which CTest shows as
# SKIPPED, when what they need is missing: node >= 18, Chromium, or playwright-core (`npm ci`
# here; scripts/setup.sh does both).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
chromium="${CHROMIUM:-/usr/bin/chromium}"
skip() { echo "SKIPPED browser tests: $1 (scripts/setup.sh installs it)"; exit 77; }

command -v node >/dev/null 2>&1 || skip "node not found"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 18 ? 0 : 1)' || skip "node $(node --version) is older than 18"
[ -x "$chromium" ] || skip "$chromium not found"
[ -f "$here/node_modules/playwright-core/package.json" ] || skip "playwright-core not installed in tests/browser (npm ci)"

cd "$here"
exec node --test tests/walkthrough.test.js tests/places.test.js tests/meeting.test.js tests/cases.test.js tests/governance.test.js
