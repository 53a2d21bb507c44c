#!/bin/sh
# Test-only tools from the npm registry (axe-core for the accessibility check;
# @getodk/xforms-engine with jsdom for the XForm questionnaire),
# installed once into tests/browser/node_modules (git-ignored).
set -eu
cd "$(dirname "$0")"
if [ -f browser/package.json ] && [ ! -d browser/node_modules ]; then
  (cd browser && npm install --no-audit --no-fund --silent)
fi
exit 0
