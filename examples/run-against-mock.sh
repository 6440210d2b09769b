#!/usr/bin/env bash
# From the source tree: builds the library and the local mock, builds the
# examples against the build tree, and runs them against the mock
# (examples/run.sh): no API key, no network.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -p openai_api -p openai_api_mock
lib=$PWD/target/release
# The soname link an install would make (libopenai_api.so.0.3: before 1.0
# the minor version is in the soname too).
ln -sf libopenai_api.so "$lib/libopenai_api.so.$(sed -n 's/^version = "\([0-9]*\)\.\([0-9]*\)\..*/\1 \2/p' Cargo.toml | head -n1 |
    awk '{ print ($1 == 0 ? $1 "." $2 : $1) }')"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# The examples make requests with X_new (X_create is deprecated, as in the
# generated client): they build with -Werror as they are.
make -s -C examples OUT="$out" \
    CFLAGS="-std=c11 -Wall -Wextra -Werror" CXXFLAGS="-std=c++17 -Wall -Wextra -Werror" \
    OPENAI_API_CFLAGS="-I$PWD/include" OPENAI_API_LIBS="-L$lib -Wl,-rpath,$lib -lopenai_api"
OUT="$out" OPENAI_API_MOCK="$lib/openai-api-mock" OPENAI_API_LIB="$lib/libopenai_api.so" examples/run.sh
