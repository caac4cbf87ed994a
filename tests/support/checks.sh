# Sourced by the shell tests: named checks that count, and the conditions they use.
# A test ends with `finish NAME`, which prints "NAME: N passed, N failed" and fails if any did.
passed=0
failed=0
check() {  # check NAME CONDITION...
    local name=$1
    shift
    if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $name" >&2; fi
}
contains() { grep -qF -- "$2" "$1"; }
absent() { test ! -e "$1"; }
count_of() { grep -oF -- "$2" "$1" | wc -l; }
finish() {
    echo "$1: $passed passed, $failed failed"
    test "$failed" -eq 0
}
