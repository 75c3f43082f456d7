# TAP helpers shared by the CLI test scripts (sourced: `. "$(dirname "$0")/tap.sh"`):
# a scratch directory $T removed on exit, the test counter n, fail set by a
# failed check, and check NAME 'SHELL CONDITION'.
# SPDX-License-Identifier: GPL-3.0-or-later
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fail=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); fail=1; echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
