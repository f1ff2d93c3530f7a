#!/usr/bin/env bash
# Runs every test: unit tests and the integration tests (*IT) against real counterparts (MiniStack for the AWS
# services, stripe-mock for Stripe), which this script installs into .tools/ and starts on free ports, then stops.
# Extra arguments go to Maven, e.g. `bash scripts/test.sh -pl functions/create-contract -am`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-home.sh
bash scripts/install-tools.sh
trap 'bash scripts/emulators.sh stop' EXIT
bash scripts/emulators.sh start
source .tools/run/emulators.env
export CCS_REQUIRE_EMULATORS=true
./mvnw -B -ntp verify "$@"
