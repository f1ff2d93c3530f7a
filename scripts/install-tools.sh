#!/usr/bin/env bash
# Installs the tools the tests and CI use into .tools/ (idempotent, nothing global):
#   .tools/venv       Python: cfn-lint, aws-sam-cli, moto server (AWS emulator), boto3, the AWS CLI
#   .tools/ministack  MiniStack (AWS emulator) with the SAM transform, in a venv of its own: it pins a botocore
#                     that the SAM CLI and the AWS CLI do not accept
#   .tools/node   asl-validator (Amazon States Language definitions), jsonata (the JavaScript reference the local
#                 runner's JSONata is compared with)
#   .tools/bin    stripe-mock (Stripe API stand-in, built with `go install`)
#   chromium, chromium-driver (Debian packages, for the browser tests; apt-get as root, only when missing)
# Needs python3 (>= 3.10), npm and go on PATH. Without root or apt-get the browser tests report themselves skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools/bin"

PY_TOOLS=(cfn-lint==1.58.0 aws-sam-cli==1.170.0 "moto[server]==5.2.5" boto3 awscli==1.46.3)
# 1.5.x answers DescribeStacks with EnableTerminationProtection, which `sam delete` reads.
EMULATOR_TOOLS=(ministack==1.5.33 aws-sam-translator==1.115.0)
ASL_VALIDATOR=asl-validator@4.0.0
JSONATA_REFERENCE=jsonata@2.2.2
STRIPE_MOCK=github.com/stripe/stripe-mock@v0.203.0

need() { command -v "$1" >/dev/null 2>&1 || { echo "install-tools: '$1' is required on PATH ($2)" >&2; exit 1; }; }

if [ ! -x "$tools/venv/bin/sam" ] || [ ! -x "$tools/venv/bin/moto_server" ] || [ ! -x "$tools/venv/bin/aws" ]; then
  need python3 "Python 3.10+ for cfn-lint, SAM CLI and the emulators"
  echo "install-tools: Python tools -> .tools/venv" >&2
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check "${PY_TOOLS[@]}"
fi

if [ ! -x "$tools/ministack/bin/ministack" ]; then
  need python3 "Python 3.10+ for MiniStack"
  echo "install-tools: ${EMULATOR_TOOLS[*]} -> .tools/ministack" >&2
  python3 -m venv "$tools/ministack"
  "$tools/ministack/bin/pip" install --quiet --disable-pip-version-check "${EMULATOR_TOOLS[@]}"
fi

if [ ! -x "$tools/node/node_modules/.bin/asl-validator" ] \
    || ! grep -qs "\"version\": \"${JSONATA_REFERENCE#jsonata@}\"" "$tools/node/node_modules/jsonata/package.json"; then
  need npm "Node.js for asl-validator and the JSONata reference"
  echo "install-tools: $ASL_VALIDATOR $JSONATA_REFERENCE -> .tools/node" >&2
  mkdir -p "$tools/node"
  npm install --silent --no-audit --no-fund --prefix "$tools/node" "$ASL_VALIDATOR" "$JSONATA_REFERENCE" >/dev/null
fi

if [ ! -x "$tools/bin/stripe-mock" ]; then
  need go "Go to build stripe-mock"
  echo "install-tools: stripe-mock -> .tools/bin" >&2
  GOBIN="$tools/bin" GOFLAGS=-mod=mod go install "$STRIPE_MOCK"
fi

# The decision page's browser tests drive headless Chromium through its driver. A system package, so only as root
# (as CI runs) and only when missing; elsewhere a note, and those tests are skipped.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "install-tools: chromium, chromium-driver (apt-get)" >&2
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver \
        >/dev/null; }; then
      echo "install-tools: chromium could not be installed; the browser tests will be skipped" >&2
    fi
  else
    echo "install-tools: chromium and chromium-driver are not installed and need root with apt-get" \
      "(apt-get install chromium chromium-driver); the browser tests will be skipped" >&2
  fi
fi
