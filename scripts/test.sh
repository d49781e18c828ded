#!/usr/bin/env bash
# The test command: every unit, integration and browser test (`mvn verify`). The browser tests drive
# Debian's Chromium and the AMQP example runs on Debian's python3-qpid-proton, which this script installs
# when they are missing; everything else (Payara Micro and
# Server, PostgreSQL binaries, the ActiveMQ adapter, Playwright's driver) comes through Maven.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  echo "Installing Debian's chromium for the browser tests" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi

# The integration tests run the Python integration example (AMQP 1.0) with Debian's qpid-proton.
if ! /usr/bin/python3 -c "import proton" >/dev/null 2>&1; then
  echo "Installing Debian's python3-qpid-proton for the AMQP example" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq python3-qpid-proton >/dev/null
fi

exec mvn -B -ntp verify -Dchromium.executable="$(command -v chromium)" "$@"
