# Stage timing for CI (sourced by .ci/run and tools/ci/test.sh): `stage NAME CMD...`
# runs one stage and records its wall time; `parallel_stages NAME=CMD ...` runs
# several at once, each with its output held back and printed whole when it
# ends, so the log reads stage by stage. The first script that sources this
# file owns the record and prints it on exit, failed or not.

if [ -z "${CI_STAGE_TIMES:-}" ]; then
  CI_STAGE_TIMES="$(mktemp)"
  export CI_STAGE_TIMES
  ci_stage_started_at=$EPOCHREALTIME
  trap ci_print_stage_times EXIT
fi

ci_elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }

ci_record() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >>"$CI_STAGE_TIMES"; }

# CPU seconds (user + system) of this shell's finished children: on a shared machine wall time
# follows the load, CPU time much less, so both are printed.
# Sets CI_CPU. (`times` must run in this very shell, not in a pipeline or $(...): a forked shell has no children of its own.)
ci_cpu() {
  local file="$CI_STAGE_TIMES.$BASHPID.cpu"
  times >"$file"
  CI_CPU=$(awk 'NR == 2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.1f", u[1] * 60 + u[2] + s[1] * 60 + s[2] }' "$file")
  rm -f "$file"
}

ci_print_stage_times() {
  local rc=$?
  echo
  echo "ci: stage times (stages marked ‖ ran at the same time as their neighbours so marked)"
  printf '  %-28s %9s %9s\n' stage wall cpu
  awk -F '\t' '{ printf "  %-28s %7.1f s %7.1f s  %s\n", $1, $2, $4, $3 }' "$CI_STAGE_TIMES"
  ci_cpu
  printf '  %-28s %7.1f s %7.1f s\n' 'total' "$(ci_elapsed "$ci_stage_started_at")" "$CI_CPU"
  echo "  load average: $(cut -d ' ' -f 1-3 /proc/loadavg)  ($(nproc) cores)"
  rm -f "$CI_STAGE_TIMES"
  exit "$rc"
}

stage() {
  local name=$1 start=$EPOCHREALTIME cpu rc=0
  ci_cpu
  cpu=$CI_CPU
  shift
  echo "ci: ▶ $name"
  "$@" || rc=$?
  ci_cpu
  ci_record "$name" "$(ci_elapsed "$start")" "$([ "$rc" -eq 0 ] && echo ok || echo "FAILED ($rc)")" "$(awk -v a="$cpu" -v b="$CI_CPU" 'BEGIN { printf "%.1f", b - a }')"
  return "$rc"
}

# CI_STAGES=serial runs them one after another instead (to tell a slow machine from a race).
parallel_stages() {
  if [ "${CI_STAGES:-}" = serial ]; then
    local spec stage_rc=0
    for spec in "$@"; do stage "${spec%%=*}" bash -c "${spec#*=}" || stage_rc=$?; done
    return "$stage_rc"
  fi
  local spec names=() pids=() logs=() i rc=0 stage_rc wall cpu
  for spec in "$@"; do
    local name=${spec%%=*} log
    log="$(mktemp)"
    names+=("$name") logs+=("$log")
    echo "ci: ▶ $name ‖"
    # Each stage times itself, so a stage that ends while an earlier one is awaited is not charged the wait.
    (
      start=$EPOCHREALTIME
      bash -c "${spec#*=}" >"$log" 2>&1 && stage_rc=0 || stage_rc=$?
      ci_cpu
      printf '%s\t%s\n' "$(ci_elapsed "$start")" "$CI_CPU" >"$log.seconds"
      exit "$stage_rc"
    ) &
    pids+=("$!")
  done
  for i in "${!pids[@]}"; do
    stage_rc=0
    wait "${pids[$i]}" || stage_rc=$?
    echo "ci: ◀ ${names[$i]} ‖"
    cat "${logs[$i]}"
    IFS=$'\t' read -r wall cpu <"${logs[$i]}.seconds"
    ci_record "${names[$i]} ‖" "$wall" "$([ "$stage_rc" -eq 0 ] && echo ok || echo "FAILED ($stage_rc)")" "$cpu"
    rm -f "${logs[$i]}" "${logs[$i]}.seconds"
    [ "$stage_rc" -eq 0 ] || rc=$stage_rc
  done
  return "$rc"
}
