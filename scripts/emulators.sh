#!/usr/bin/env bash
# Starts or stops the local counterparts the integration tests use, on free loopback ports:
#   MiniStack (AWS emulator: DynamoDB, SNS, SQS, Secrets Manager, Step Functions, IoT ...) and stripe-mock.
# `start` writes .tools/run/emulators.env (CCS_TEST_AWS_ENDPOINT, CCS_TEST_STRIPE_ENDPOINT) once both answer.
# Usage: scripts/emulators.sh start|stop|env
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
run="$root/.tools/run"
envfile="$run/emulators.env"
mkdir -p "$run"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

wait_for() { # name, then the curl arguments of a request that succeeds once it is up
  local name=$1; shift
  for _ in $(seq 1 120); do
    if curl -fsS -o /dev/null "$@" 2>/dev/null; then return 0; fi
    if ! kill -0 "$(cat "$run/$name.pid")" 2>/dev/null; then
      echo "emulators: $name exited; log: $run/$name.log" >&2; tail -20 "$run/$name.log" >&2; return 1
    fi
    sleep 0.5
  done
  echo "emulators: $name did not answer within 60 s; log: $run/$name.log" >&2
  return 1
}

stop() {
  for name in ministack stripe-mock; do
    if [ -f "$run/$name.pid" ]; then
      kill "$(cat "$run/$name.pid")" 2>/dev/null || true
      rm -f "$run/$name.pid"
    fi
  done
  rm -f "$envfile"
}

start() {
  stop
  [ -x "$root/.tools/ministack/bin/ministack" ] && [ -x "$root/.tools/bin/stripe-mock" ] || bash "$root/scripts/install-tools.sh"
  local aws_port stripe_port stripe_tls_port
  aws_port=$(free_port); stripe_port=$(free_port); stripe_tls_port=$(free_port)

  # Only the server itself is put in the background (not a `cd && ...` list, whose subshell's pid would be
  # recorded and killed instead), with no inherited stdin/stdout, so that `stop` ends it and no pipe waits on it.
  cd "$run"
  BIND_HOST=127.0.0.1 GATEWAY_PORT="$aws_port" IOT_MTLS_ENABLED=0 SFTP_ENABLED=0 LOG_LEVEL=WARNING \
    MINISTACK_REGION=us-east-1 nohup "$root/.tools/ministack/bin/ministack" </dev/null >"$run/ministack.log" 2>&1 &
  echo $! >"$run/ministack.pid"
  nohup "$root/.tools/bin/stripe-mock" -http-port "$stripe_port" -https-port "$stripe_tls_port" \
    </dev/null >"$run/stripe-mock.log" 2>&1 &
  echo $! >"$run/stripe-mock.pid"
  cd "$root"

  wait_for ministack "http://127.0.0.1:$aws_port/_localstack/health"
  wait_for stripe-mock -H "Authorization: Bearer sk_test_123" "http://127.0.0.1:$stripe_port/v1/customers"
  cat >"$envfile" <<ENV
export CCS_TEST_AWS_ENDPOINT=http://127.0.0.1:$aws_port
export CCS_TEST_STRIPE_ENDPOINT=http://127.0.0.1:$stripe_port
ENV
  echo "emulators: MiniStack http://127.0.0.1:$aws_port, stripe-mock http://127.0.0.1:$stripe_port" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) cat "$envfile" ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
