#!/usr/bin/env bash
# Checks that the code the guides show is the code that is compiled: every fenced block
# preceded by a marker line
#
#   <!-- snippet: FILE#REGION -->
#
# must equal, line for line, the lines of docs/snippets/FILE between its two `// [REGION]`
# marker lines (their common indentation removed). Also fails on a marker whose file or
# region is missing, or that is not followed by a fenced block.
#
#   check_snippets.sh SNIPPETS_DIR GUIDE.md...            # check (ctest: yuno_docs_snippets_match)
#   check_snippets.sh --update SNIPPETS_DIR GUIDE.md...   # rewrite the blocks from the sources
set -euo pipefail

update=0
if [[ "${1:-}" == "--update" ]]; then
  update=1
  shift
fi
if (($# < 2)); then
  echo "usage: $0 [--update] SNIPPETS_DIR GUIDE.md..." >&2
  exit 2
fi
snippets_dir=$1
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/yuno-snippets.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The lines between the two `// [region]` markers of `file`, common indentation removed.
# Exit status 3 when the region does not have exactly two markers.
extract_region() {
  local file=$1 region=$2
  awk -v marker="// [$region]" '
    { line = $0; sub(/^[ \t]+/, "", line) }
    line == marker { markers++; next }
    markers == 1 { body[++n] = $0 }
    END {
      if (markers != 2) exit 3
      min = -1
      for (i = 1; i <= n; i++) {
        if (body[i] ~ /^[ \t]*$/) continue
        match(body[i], /^ */)
        if (min < 0 || RLENGTH < min) min = RLENGTH
      }
      if (min < 0) min = 0
      for (i = 1; i <= n; i++) print substr(body[i], min + 1)
    }' "$file"
}

# --update: each marked block is replaced by its region (the marker and fence lines stay).
if ((update)); then
  for guide in "$@"; do
    out="$work/updated.md"
    : >"$out"
    in_block=0
    pending=""
    marker_re='<!-- snippet: ([^ ]+) -->'
    fence_re='^[[:space:]]*```'
    closing_re='^[[:space:]]*```[[:space:]]*$'
    while IFS= read -r line || [[ -n "$line" ]]; do
      if ((in_block)); then
        if [[ "$line" =~ $closing_re ]]; then
          in_block=0
          printf '%s\n' "$line" >>"$out"
        fi
        continue
      fi
      printf '%s\n' "$line" >>"$out"
      if [[ -n "$pending" && "$line" =~ $fence_re ]]; then
        if ! extract_region "$snippets_dir/${pending%%#*}" "${pending#*#}" >>"$out"; then
          echo "$guide: no region for snippet $pending" >&2
          exit 1
        fi
        in_block=1
      fi
      pending=""
      if [[ "$line" =~ $marker_re ]]; then
        pending=${BASH_REMATCH[1]}
      fi
    done <"$guide"
    cp "$out" "$guide"
  done
fi

checked=0
failed=0
for guide in "$@"; do
  # Split the guide into one file per marked block: NAME.ref holds "FILE#REGION LINE".
  rm -f "$work"/block.*
  awk -v dir="$work" -v guide="$guide" '
    function fail(message) { print guide ":" NR ": " message > "/dev/stderr"; bad = 1 }
    state == 2 {
      if ($0 ~ /^[ \t]*```[ \t]*$/) { state = 0; close(out); next }
      print > out; next
    }
    state == 1 {
      if ($0 ~ /^[ \t]*```/) { state = 2; next }
      fail("a snippet marker must be followed by a fenced code block"); state = 0
    }
    match($0, /<!-- snippet: [^ ]+ -->/) {
      ref = substr($0, RSTART + 14, RLENGTH - 18)
      blocks++
      out = dir "/block." blocks
      printf "" > out
      print ref " " NR > (out ".ref")
      close(out ".ref")
      state = 1
    }
    END {
      if (state != 0) fail("unterminated snippet block")
      exit bad
    }' "$guide" || failed=1

  for ref_file in "$work"/block.*.ref; do
    [[ -e "$ref_file" ]] || continue
    block=${ref_file%.ref}
    read -r ref line <"$ref_file"
    file=${ref%%#*}
    region=${ref#*#}
    checked=$((checked + 1))
    if [[ "$file" == "$ref" || -z "$region" ]]; then
      echo "$guide:$line: snippet reference '$ref' is not FILE#REGION" >&2
      failed=1
      continue
    fi
    if [[ ! -f "$snippets_dir/$file" ]]; then
      echo "$guide:$line: no such snippet file: $snippets_dir/$file" >&2
      failed=1
      continue
    fi
    if ! extract_region "$snippets_dir/$file" "$region" >"$block.expected"; then
      echo "$guide:$line: $file has no region '$region' (two '// [$region]' lines)" >&2
      failed=1
      continue
    fi
    if ! diff -u --label "$file#$region (compiled)" --label "$guide:$line (shown)" \
      "$block.expected" "$block" >&2; then
      echo "$guide:$line: the block differs from $file#$region" >&2
      failed=1
    fi
  done
done

if ((checked == 0)); then
  echo "no snippet markers found in: $*" >&2
  exit 1
fi
if ((failed)); then
  echo "snippet check FAILED ($checked blocks checked)" >&2
  exit 1
fi
echo "snippet check passed: $checked blocks match their compiled source"
