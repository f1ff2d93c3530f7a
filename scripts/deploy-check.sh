#!/usr/bin/env bash
# Deploys the project with `sam build && sam deploy` onto MiniStack's CloudFormation (a stack name of its own),
# checks every declared resource and runs the module description's CLI commands on the deployed business
# workflow, then `sam delete`s the stack: integration-tests' SamDeployedStackIT, which prints the stack events of a
# failed deploy. Starts its own emulators (scripts/emulators.sh) and stops them afterwards. CI runs it after the tests.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/java-home.sh
bash scripts/install-tools.sh
export SAM_CLI_TELEMETRY=0
PATH="$root/.tools/venv/bin:$PATH" .tools/venv/bin/sam build
trap 'bash scripts/emulators.sh stop' EXIT
bash scripts/emulators.sh start
source .tools/run/emulators.env
export CCS_REQUIRE_EMULATORS=true CCS_SAM_DEPLOY=true
./mvnw -B -ntp verify -pl integration-tests -am -Dtest=none -Dit.test=SamDeployedStackIT \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false "$@"
