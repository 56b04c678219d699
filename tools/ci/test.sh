#!/usr/bin/env bash
# `npm test`: every check CI runs before the benchmarks, each stage timed
# (tools/ci/stages.sh prints the times at the end, or .ci/run does when it called this).
set -euo pipefail
cd "$(dirname "$0")/../.."
. tools/ci/stages.sh

stage typecheck npm run typecheck
stage lint npm run lint
stage format:check npm run format:check
stage test:unit npm run test:unit
stage test:pg npm run test:pg:when-configured
stage test:services npm run test:services:when-configured
stage test:e2e npm run test:e2e
