#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (build/fuzz) and runs each for SECONDS, starting from
# the committed seed corpus. New inputs go to build/fuzz/corpus/, crashes to
# build/fuzz/artifacts/; exits non-zero when any target crashed, leaked, timed out or ran out
# of memory. Needs clang-14 and libclang-rt-14-dev.
#   [FUZZ_MAX_LEN=BYTES] tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]   (inputs up to 4096 bytes by default, 16384 for store_loader)
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:?usage: tests/fuzz/run-fuzzers.sh SECONDS [TARGET...]}"
shift
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(csv_reader paper_csv_importer hub_model_page hub_headers store_loader)

build=build/fuzz
cxx="${FUZZ_CXX:-$(command -v clang++-14 || command -v clang++)}"
cmake -S . -B "$build" -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DHUBGROWTH_BUILD_FUZZERS=ON >"$build.configure.log" 2>&1 ||
  { cat "$build.configure.log" >&2; exit 1; }
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

status=0
total=0
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  artifacts="$build/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  log="$build/fuzz_$target.log"
  extra=()
  [ "$target" = paper_csv_importer ] && extra+=(-dict=tests/fuzz/paper_csv.dict)
  [ "$target" = hub_model_page ] && extra+=(-dict=tests/fuzz/hub_json.dict)
  [ "$target" = hub_headers ] && extra+=(-dict=tests/fuzz/hub_headers.dict)
  max_len="${FUZZ_MAX_LEN:-4096}"
  [ "$target" = store_loader ] && max_len="${FUZZ_MAX_LEN:-16384}"  # the seed stores are 7 KB
  echo "run-fuzzers: $target for ${seconds}s"
  # First corpus directory receives new inputs; the committed seeds are read only.
  if "$build/tests/fuzz/fuzz_$target" "$corpus" "tests/fuzz/corpus/$target" \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
      -print_final_stats=1 -artifact_prefix="$artifacts/" "${extra[@]}" >"$log" 2>&1; then
    result=ok
  else
    result="FAILED (see $log and $artifacts/)"
    status=1
    tail -40 "$log" >&2
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)"
  total=$((total + ${runs:-0}))
  echo "run-fuzzers: $target: ${runs:-?} executions (${speed:-?}/s), $(ls "$corpus" | wc -l) corpus inputs, $(ls "$artifacts" | wc -l) crash artifacts: $result"
done
echo "run-fuzzers: $total executions in total"
exit $status
