#!/usr/bin/env bash
# Builds the library and the local mock, starts the mock, and runs the C
# example against it: no API key, no network.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -p openai_api -p openai_api_mock
lib=target/release
# The soname link an install would make (libopenai_api.so.0.2: before 1.0
# the minor version is in the soname too).
ln -sf libopenai_api.so "$lib/libopenai_api.so.$(sed -n 's/^version = "\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p' Cargo.toml | head -n1 |
    awk '{ print ($1 == 0 ? $1 "." $2 : $1) }')"
out=$(mktemp -d)
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$out"' EXIT

"$lib/openai-api-mock" --seed 3 >"$out/url" &
mock_pid=$!
for _ in $(seq 100); do [ -s "$out/url" ] && break; sleep 0.1; done
url=$(head -n1 "$out/url")

# The examples make requests with X_new (X_create is deprecated, as in the
# generated client): they build with -Werror as they are.
for example in admin onboarding cost_report; do
    cc -std=c11 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror -I include "examples-c/$example.c" \
       -o "$out/$example" -L "$lib" -Wl,-rpath,"$PWD/$lib" -lopenai_api
done

echo "mock at $url"
export OPENAI_BASE_URL="$url" OPENAI_ADMIN_KEY=sk-admin-mock-key
"$out/admin" user_bob

# Onboarding: invite, the invitee accepts (the mock's control endpoint
# stands in for them), then membership of a project and a role.
project=$(curl -sf -H "Authorization: Bearer $OPENAI_ADMIN_KEY" "$url/organization/projects?limit=1" | sed -n 's/.*"id":"\(proj_[^"]*\)".*/\1/p')
"$out/onboarding" invite new.hire@example.com "$project" | tee "$out/invite"
invite=$(sed -n 's/.*: \(invite-[^ ]*\) .*/\1/p' "$out/invite")
curl -sf -X POST "${url%/v1}/__mock/invites/$invite/accept" >/dev/null
"$out/onboarding" finish new.hire@example.com "$project"

# Last month's costs by project, walked page by page.
"$out/cost_report" 1735689600
