#!/bin/sh
# The installed tree (TAP): configures a second build with a temporary
# prefix (the main build is left alone), installs it, then, from another
# directory and with the source tree hidden (a tmpfs over it in a private
# mount namespace, when user namespaces are allowed), runs the installed
# exopk, loads the installed Lua module with the stock lua5.4, builds and
# runs a C program against exopk.pc and renders the installed man page.
# $1: the source root, $2: the version.
# SPDX-License-Identifier: GPL-3.0-or-later
SRC=$(realpath "$1")
VERSION=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
P=$T/prefix
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }

# the executables only: the GUI and the tests would double the time
{ meson setup "$T/build" "$SRC" --prefix="$P" --buildtype=release -Dtests=false \
    -Dgui=disabled -Dcvode=disabled && ninja -C "$T/build" && meson install -C "$T/build"; } \
  > "$T/build.log" 2>&1; rc=$?
check "a second build installs into a temporary prefix" '[ $rc -eq 0 ] || { sed "s/^/# /" "$T/build.log" | tail -20; false; }'
[ $rc -eq 0 ] || { echo "1..$n"; exit 0; }

cp "$SRC/tests/install/c-api.c" "$T/c-api.c"
# the source's own value of one parameter, to tell which library is read
sed 's/^  cl = { 53.3, "L\/h"/  cl = { 61.7, "L\/h"/' "$SRC/data/agents/doxorubicin.lua" \
  > "$T/dox.lua"
check "(the installed copy of doxorubicin.lua edited: CL 61.7 L/h)" \
  '! cmp -s "$T/dox.lua" "$SRC/data/agents/doxorubicin.lua" && cp "$T/dox.lua" "$P/share/exopk/agents/doxorubicin.lua"'

# What runs with the checkout out of reach; prints TAP lines numbered from $1.
cat > "$T/installed.sh" <<'CHECKS'
P=$1; T=$2; VERSION=$3; n=$4; MODE=$5
ok() { n=$((n + 1)); echo "ok $n - $MODE: $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $MODE: $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
rm -rf "$T/elsewhere" && mkdir "$T/elsewhere" && cd "$T/elsewhere" || exit 1
unset EXOPK_DATA_DIR LUA_PATH LUA_CPATH LD_LIBRARY_PATH PKG_CONFIG_PATH
D=$P/share/exopk
export PKG_CONFIG_PATH="$(dirname "$(find "$P" -name exopk.pc)")"
LIB=$(pkg-config --variable=libdir exopk)
CMOD=$(dirname "$(find "$P" -path '*/lua/5.4/exopk.so')")

"$P/bin/exopk" --help > out 2>&1
check "installed exopk --help names the installed library as the one in use" \
  'tail -1 out | grep -qx "  $D"'
"$P/bin/exopk" params doxorubicin.cl > out 2>&1
check "installed exopk params reads the installed library (CL 61.7 L/h)" \
  'grep -q "^doxorubicin.cl  *61.7 L/h" out'
cp -R "$D" other && sed -i 's/^  cl = { 61.7, "L\/h"/  cl = { 70.1, "L\/h"/' other/agents/doxorubicin.lua
EXOPK_DATA_DIR=$PWD/other "$P/bin/exopk" params doxorubicin.cl > out 2>&1
check "EXOPK_DATA_DIR still wins (CL 70.1 L/h)" 'grep -q "^doxorubicin.cl  *70.1 L/h" out'
"$P/bin/exopk" simulate "$D/examples/default.lua" -o run > out 2>&1; rc=$?
check "installed exopk simulate runs the installed default example" \
  '[ $rc -eq 0 ] && [ -s run/control.csv ] && [ -s run/free_dox.csv ] && [ -s run/exodox.csv ]'
check "  with mass balance below 1e-6" \
  'awk -F, "/mass_balance_rel_error/ { m++; if (\$3 > 1e-6 || -\$3 > 1e-6) bad = 1 } END { exit bad || !m }" run/metrics.csv'

LUA_CPATH="$CMOD/?.so" lua5.4 -e '
  local exopk = require "exopk"
  print(exopk.VERSION, exopk.data_dir())
  local res = exopk.simulate(exopk.load(), { arm = "free_dox" })
  print(res:metric("doxorubicin.mass_balance_rel_error"))' > out 2>&1; rc=$?
check "stock lua5.4 loads the installed module from $CMOD" \
  '[ $rc -eq 0 ] && head -1 out | grep -qx "$VERSION	$D"'
check "  and simulates the installed default study" \
  '[ $rc -eq 0 ] && awk "NR == 2 { exit !(\$1 < 1e-6 && \$1 > -1e-6) }" out'

cc -std=c11 -Wall -Wextra -Werror -o c-api "$T/c-api.c" $(pkg-config --cflags --libs exopk) -lm \
  > out 2>&1; rc=$?
check "a C program builds with pkg-config --cflags --libs exopk" '[ $rc -eq 0 ] || { sed "s/^/# /" out; false; }'
LD_LIBRARY_PATH=$LIB ./c-api "$VERSION" > out 2>&1; rc=$?
sed "s/^/# /" out
check "  and runs against libexopk (units, AUC = dose / CL, mass balance)" '[ $rc -eq 0 ]'
check "libexopk's SONAME is versioned" \
  'objdump -p "$LIB/libexopk.so" | grep -q "SONAME  *libexopk\.so\.[0-9]"'
for h in "$P"/include/exopk/*.h; do
  printf '#include <exopk/%s>\nint header_only;\n' "${h##*/}" | cc -std=c11 -pedantic -Werror -fsyntax-only \
    $(pkg-config --cflags exopk) -x c - 2> out || { echo "# ${h##*/}"; sed "s/^/# /" out; bad=1; }
done
check "each installed header compiles alone (C11, -pedantic)" '[ -z "$bad" ]'
echo '#include <exopk/exopk.h>' | cc -E -P $(pkg-config --cflags exopk) -x c - \
  | grep -o 'exopk_[a-z0-9_]* *(' | tr -d ' (' | sort -u > declared
nm -D --defined-only "$LIB/libexopk.so" | awk '{ print $3 }' | sort -u > exported
check "libexopk exports exactly the functions of the public headers" \
  '[ -s declared ] && cmp -s declared exported || { diff declared exported | sed "s/^/# /"; false; }'

MANWIDTH=80 man --warnings -l "$P/share/man/man1/exopk.1" > out 2> err; rc=$?
check "the installed man page renders without warnings" \
  '[ $rc -eq 0 ] && [ ! -s err ] && grep -q "EXOPK_DATA_DIR" out'
echo "$n" > "$T/count"
CHECKS

# The checkout in sight first (an installed exopk must not prefer it), then
# out of reach (it must not need it).
sh "$T/installed.sh" "$P" "$T" "$VERSION" "$n" "checkout in place"
n=$(cat "$T/count") && rm "$T/count"
if unshare -rm true 2> /dev/null; then
  unshare -rm sh -c 'mount -t tmpfs none "$1" && mount -t tmpfs none "$2/build" &&
                     ! [ -e "$1/data" ] && exec sh "$2/installed.sh" "$3" "$2" "$4" "$5" "$6"' \
    - "$SRC" "$T" "$P" "$VERSION" "$n" "checkout hidden"
else
  echo "# no user namespaces here: the checkout could not be hidden"
  echo "$n" > "$T/count"
fi
[ -s "$T/count" ] && n=$(cat "$T/count")
check "the installed-tree checks ran to the end" '[ -s "$T/count" ]'
echo "1..$n"
exit 0
