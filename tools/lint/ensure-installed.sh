#!/bin/sh
# Installs the linters (oxlint, ESLint and its plugins) into tools/lint/node_modules (eslint.config.js
# beside this file says why they are a package of their own) when they are
# missing or were installed from another lockfile, so `npm ci` at the root is
# still the only install step a clone needs.
set -eu
cd "$(dirname "$0")"
if ! cmp -s package-lock.json node_modules/.installed-package-lock.json 2>/dev/null; then
  echo 'lint: installing tools/lint (oxlint with tsgolint, ESLint with the TypeScript 6 parser)' >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
  cp package-lock.json node_modules/.installed-package-lock.json
fi
