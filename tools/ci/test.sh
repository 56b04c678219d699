#!/usr/bin/env bash
# `npm test`: every check CI runs before the benchmarks, each stage timed
# (tools/ci/stages.sh prints the times at the end, or .ci/run does when it called this).
#
# Stages that do not depend on each other run at the same time, so that one
# stage's waiting (a download, a browser, a server starting, a timer in a test)
# is another's CPU time on the machine's two cores; nothing is left out.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/ci/stages.sh

# The static checks, and the two builds the end-to-end suite serves.
parallel_stages \
  'typecheck=npm run typecheck' \
  'lint=npm run lint' \
  'format:check=npm run format:check' \
  'check:cycles=npm run check:cycles' \
  'build:e2e=npm run build:server && npm run build:e2e-client'

# The vitest suites that only need loopback and a database, each a process of
# its own, beside the end-to-end suite on the builds above: a browser mostly
# waits (for pages, servers, a token to expire), and the vitest suites use
# those seconds. The database suites run once: on PostgreSQL when
# TEST_DATABASE_URL is set (test:pg, and test:unit leaves them out), else on
# PGlite within test:unit.
parallel_stages \
  "test:unit=DATABASE_SUITES=${TEST_DATABASE_URL:+postgres} npm run test:unit" \
  'test:pg=npm run test:pg:when-configured' \
  'test:e2e=npm run test:e2e:built'

# The suites on Redis and PostgreSQL together, alone: they time how fast the API
# recovers from a database outage, which a busy machine would slow down.
stage test:services npm run test:services:when-configured
