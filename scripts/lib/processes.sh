# shellcheck shell=bash
# Process helpers shared by the scripts that start yuno-sandbox and the examples in the
# background (demo.sh, valgrind-demo.sh). Source it; it defines functions only.

# stop_process PID [GRACE_SECONDS]: SIGTERM, then SIGKILL after GRACE_SECONDS (default 5)
# if the process is still there; reaps it. Safe on a process that already exited.
stop_process() {
  local pid=$1 grace=${2:-5} tenth
  kill "$pid" 2>/dev/null || true
  for ((tenth = 0; tenth < grace * 10; tenth++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# wait_for_line LOG PATTERN PID TIMEOUT_SECONDS: waits until LOG has a line matching PATTERN
# (grep -o; the match is printed) while process PID runs. Returns 1 when PID exits first or
# TIMEOUT_SECONDS pass.
wait_for_line() {
  local log=$1 pattern=$2 pid=$3 timeout=$4 tenth line
  for ((tenth = 0; tenth < timeout * 10; tenth++)); do
    line=$(grep -m 1 -o -e "$pattern" "$log" || true)
    if [[ -n "$line" ]]; then
      printf '%s\n' "$line"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# wait_for_exit PID TIMEOUT_SECONDS: waits until PID has exited; returns 1 if it still runs
# after TIMEOUT_SECONDS (it is not stopped).
wait_for_exit() {
  local pid=$1 timeout=$2 tenth
  for ((tenth = 0; tenth < timeout * 10; tenth++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$pid" 2>/dev/null
}
