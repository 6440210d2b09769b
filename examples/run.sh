#!/usr/bin/env bash
# Starts the local mock of the API and runs every example against it: no
# API key, no network. The built programs are in $OUT (default: here); the
# mock is $OPENAI_API_MOCK, else openai-api-mock from PATH or beside the
# installed library; Python loads $OPENAI_API_LIB, else the installed one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out=${OUT:-$here}
prefix=$(pkg-config --variable=prefix openai_api 2>/dev/null || true)
mock=${OPENAI_API_MOCK:-$(command -v openai-api-mock || echo "$prefix/bin/openai-api-mock")}
if [ -z "${OPENAI_API_LIB:-}" ] && libdir=$(pkg-config --variable=libdir openai_api 2>/dev/null); then
    export OPENAI_API_LIB="$libdir/libopenai_api.so"
fi
[ -x "$mock" ] || { echo "run.sh: the mock is not at $mock (set OPENAI_API_MOCK)" >&2; exit 1; }
scratch=$(mktemp -d)
trap 'kill "$mock_pid" 2>/dev/null || true; rm -rf "$scratch"' EXIT

"$mock" --seed 3 >"$scratch/url" &
mock_pid=$!
for _ in $(seq 100); do [ -s "$scratch/url" ] && break; sleep 0.1; done
url=$(head -n1 "$scratch/url")
[ -n "$url" ] || { echo "run.sh: the mock did not start" >&2; exit 1; }
echo "mock at $url"
export OPENAI_BASE_URL="$url" OPENAI_ADMIN_KEY=sk-admin-mock-key

"$out/admin" user_bob

# Onboarding: invite, the invitee accepts (the mock's control endpoint
# stands in for them), then membership of a project and a role.
project=$(curl -sf -H "Authorization: Bearer $OPENAI_ADMIN_KEY" "$url/organization/projects?limit=1" | sed -n 's/.*"id":"\(proj_[^"]*\)".*/\1/p')
"$out/onboarding" invite new.hire@example.com "$project" | tee "$scratch/invite"
invite=$(sed -n 's/.*: \(invite-[^ ]*\) .*/\1/p' "$scratch/invite")
curl -sf -X POST "${url%/v1}/__mock/invites/$invite/accept" >/dev/null
"$out/onboarding" finish new.hire@example.com "$project"

# Last month's costs by project, walked page by page.
"$out/cost_report" 1735689600

# Beyond the administration API (the key is OPENAI_API_KEY's): a chat
# with a tool call, a reply streamed as it is written, a similarity search
# with embeddings, and a batch run over an uploaded JSONL file.
export OPENAI_API_KEY=sk-admin-mock-key
"$out/chat" "What is the weather in Paris?"
"$out/chat_stream" "Tell me about streams."
"$out/similar" "a cat on a mat" "a dog in the fog" "a cat asleep on a rug" "the price of tea"
"$out/batch" "What is 2 + 2?" "Name a colour."

# From C++ and from Python (ctypes).
"$out/list_projects_cpp" "$project"
python3 "$here/list_projects.py" "$project"
