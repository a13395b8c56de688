# Shared by the benchmark scripts: GNU time, the output folder and the best-of-N measurement.
# Sourced after `out` (the folder for inputs and outputs) and `runs` (BENCH_RUNS) are set.
command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 1; }
mkdir -p "$out"

# best-of-N wall seconds and peak RSS (MiB) of a shell command; output to /dev/null. An optional second
# command runs, untimed, before each run (e.g. removing the output a run is about to write).
measure() {
  local best=999999 rss=0 t r
  for _ in $(seq "$runs"); do
    [ -z "${2:-}" ] || bash -c "$2"
    /usr/bin/time -f '%e %M' -o "$out/time.txt" bash -o pipefail -c "$1" >/dev/null
    read -r t r <"$out/time.txt"
    best=$(python3 -c "print(min($best, $t))")
    rss=$(( r > rss ? r : rss ))
  done
  echo "$best $(( rss / 1024 ))"
}
