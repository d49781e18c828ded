#!/usr/bin/env bash
# Verifies an organization's audit chain and reports its first broken link.
#   verify-audit-trail.sh <Quorum's URL, e.g. https://board.example.com/quorum> [token file]
# The token (an admin's or a compliance officer's bearer token) comes from the file, or from QUORUM_TOKEN.
# Exit status: 0 the chain is intact, 1 it is broken (the first broken link is printed), 2 it could not be checked.
set -uo pipefail

url="${1:-}"
if [ -z "$url" ]; then
  echo "usage: $0 <Quorum's URL> [token file]   (or the token in QUORUM_TOKEN)" >&2
  exit 2
fi
if [ -n "${2:-}" ]; then
  token="$(tr -d '[:space:]' < "$2")"
else
  token="${QUORUM_TOKEN:-}"
fi
if [ -z "$token" ]; then
  echo "no token: give a token file or set QUORUM_TOKEN" >&2
  exit 2
fi

answer="$(curl -sS --max-time 600 -w '\n%{http_code}' -H "Authorization: Bearer $token" "${url%/}/api/audit/verify")" || {
  echo "Quorum did not answer at $url" >&2
  exit 2
}
status="${answer##*$'\n'}"
body="${answer%$'\n'*}"
if [ "$status" != "200" ]; then
  echo "the check was refused (HTTP $status): $body" >&2
  exit 2
fi

field() { printf '%s' "$body" | sed -n "s/.*\"$1\":\(\"[^\"]*\"\|[0-9a-z]*\).*/\1/p" | tr -d '"'; }
verified="$(field verified)"
if [ "$(field intact)" = "true" ]; then
  echo "intact: $verified entries verified"
  exit 0
fi
echo "BROKEN after $verified intact entries: first broken link at position $(field seq), entry $(field id): $(field reason)"
exit 1
