#!/bin/sh
# Test-only tools from the npm registry (axe-core for the accessibility check;
# @getodk/xforms-engine with jsdom for the XForm questionnaire),
# installed once into tests/browser/node_modules (git-ignored).
set -eu
cd "$(dirname "$0")"
# Installed when anything package.json names is missing or of another version (npm ls
# says so), not only when node_modules is absent: a folder left from an older
# package.json would otherwise make the tests install in parallel (tests/browser/npm-ready).
if [ -f browser/package.json ] && command -v npm >/dev/null 2>&1 &&
   ! (cd browser && npm ls --silent >/dev/null 2>&1); then
  (cd browser && npm install --no-audit --no-fund --silent)
fi
exit 0
