#!/bin/sh
# `exopk export --sbml` from the command line (TAP): what it writes, its
# errors and exit statuses, its help and man page.  The model itself is
# checked by test-sbml (read back, integrated, compared with exopk).
# $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; }
check() { if eval "$2"; then ok "$1"; else bad "$1"; fi; }
DEFAULT="$SRC/data/examples/default.lua"

"$EXOPK" export --sbml "$DEFAULT" --arm exodox -o "$T/exodox.xml" > "$T/out" 2> "$T/err"; rc=$?
check "export --sbml --arm exodox -o FILE: exit 0, nothing on stdout or stderr" \
  '[ $rc -eq 0 ] && [ ! -s "$T/out" ] && [ ! -s "$T/err" ]'
check "the file is SBML Level 3 Version 1" \
  'grep -q "<sbml xmlns=\"http://www.sbml.org/sbml/level3/version1/core\" level=\"3\" version=\"1\">" "$T/exodox.xml"'
check "the model is named after the arm" 'grep -q "<model id=\"exodox\"" "$T/exodox.xml"'
check "states are species named as the engine names them" \
  'grep -q "id=\"exodox_plasma_particles\" name=\"exodox.plasma_particles\"" "$T/exodox.xml" &&
   grep -q "name=\"exodox.doxorubicin.lumen_plasma\"" "$T/exodox.xml" &&
   grep -q "name=\"tumour.sensitive\"" "$T/exodox.xml"'
check "parameters carry their path, effective value and unit" \
  'grep -q "<parameter id=\"carrier_msc_k_pt\" name=\"carrier.msc.k_pt\" value=\"0.9\" units=\"per_h\" constant=\"true\"/>" "$T/exodox.xml" &&
   grep -q "<parameter id=\"doxorubicin_v1\" name=\"doxorubicin.v1\" value=\"0.00632142857142857[0-9]*\" units=\"litre\"" "$T/exodox.xml"'
# 5 doses of 2e11 particles every 72 h: one event per dose time
check "five dose events at 0, 72, ..., 288 h, plus two eradication events" \
  '[ $(grep -c "<event " "$T/exodox.xml") -eq 7 ] && grep -q "name=\"doses at 288 h\"" "$T/exodox.xml"'
if command -v xmllint > /dev/null 2>&1; then
  check "well-formed XML (xmllint)" 'xmllint --noout "$T/exodox.xml"'
else
  ok "# SKIP well-formed XML: xmllint is not installed"
fi

"$EXOPK" export --sbml "$DEFAULT" --arm free_dox -o - > "$T/stdout.xml" 2> "$T/err"; rc=$?
check "-o - writes the document to stdout" '[ $rc -eq 0 ] && grep -q "<model id=\"free_dox\"" "$T/stdout.xml"'
"$EXOPK" export --sbml "$DEFAULT" --arm free_dox --set doxorubicin.kp_heart=20 > "$T/set.xml" 2> "$T/err"; rc=$?
check "--set changes the exported value (stdout without -o)" \
  '[ $rc -eq 0 ] && grep -q "name=\"doxorubicin.kp_heart\" value=\"20\"" "$T/set.xml"'

"$EXOPK" export "$DEFAULT" --arm exodox > /dev/null 2> "$T/err"; rc=$?
check "without --sbml: exit 2, the format is asked for" '[ $rc -eq 2 ] && grep -q "give the format: --sbml" "$T/err"'
"$EXOPK" export --sbml "$DEFAULT" > /dev/null 2> "$T/err"; rc=$?
check "several arms and no --arm: exit 2, names one" '[ $rc -eq 2 ] && grep -q "has 3 arms: name one with --arm" "$T/err"'
"$EXOPK" export --sbml "$DEFAULT" --arm exodx > /dev/null 2> "$T/err"; rc=$?
check "--arm with a typo: exit 2 and a suggestion" '[ $rc -eq 2 ] && grep -q "did you mean \"exodox\"" "$T/err"'
"$EXOPK" export --sbml "$SRC/data/examples/sirna_abcb1_dox.lua" --arm exodox_sirna -o "$T/rna.xml" > /dev/null 2> "$T/err"; rc=$?
check "an siRNA arm: RISC, target mRNA and protein are species, P-gp a rule" \
  '[ $rc -eq 0 ] && grep -q "name=\"sirna_abcb1.risc_s\"" "$T/rna.xml" && grep -q "name=\"sirna_abcb1.protein_r\"" "$T/rna.xml" && grep -q "name=\"tumour.pgp_resistant_effective\"" "$T/rna.xml"'
sed "s/resistant_fraction = 0.3,/resistant_fraction = 0,/" "$DEFAULT" > "$T/zero.lua"
"$EXOPK" export --sbml "$T/zero.lua" --arm exodox -o "$T/zero.xml" > /dev/null 2> "$T/err"; rc=$?
check "resistant cells fed from zero are refused (exit 2), with the reason; no file" \
  '[ $rc -eq 2 ] && grep -q "the resistant cells start below one cell" "$T/err" && [ ! -e "$T/zero.xml" ]'
"$EXOPK" export --sbml "$DEFAULT" --arm exodox -o "$T/no/such/dir.xml" > /dev/null 2> "$T/err"; rc=$?
check "an unwritable -o: exit 3 with the path" '[ $rc -eq 3 ] && grep -q "no/such/dir.xml: cannot write" "$T/err"'

# names come from other people's files: & < > quotes, a control byte and
# a byte that is not UTF-8 must still give well-formed XML
cat > "$T/odd.lua" <<'EOF'
return { name = 'A & B <c> \1 \255 "q"', subject = { species = 'mouse', weight = '25 g' },
  horizon = '1 d', arms = { ['x-y'] = { { give = 'doxorubicin', route = 'iv', dose = '1 mg/kg' } } } }
EOF
"$EXOPK" export --sbml "$T/odd.lua" -o "$T/odd.xml" > /dev/null 2> "$T/err"; rc=$?
check "odd study and arm names: exit 0, the id sanitised, the bytes shown as \\xHH" \
  '[ $rc -eq 0 ] && grep -q "<model id=\"x_y\" name=\"A &amp; B &lt;c&gt; \\\\x01 \\\\xFF &quot;q&quot;: arm x-y\"" "$T/odd.xml"'
if command -v xmllint > /dev/null 2>&1; then
  check "odd names: well-formed XML (xmllint)" 'xmllint --noout "$T/odd.xml"'
else
  ok "# SKIP odd names well-formed: xmllint is not installed"
fi

"$EXOPK" export --help > "$T/help" 2>&1; rc=$?
check "export --help: exit 0, synopsis and options" \
  '[ $rc -eq 0 ] && grep -q "^usage: exopk export --sbml" "$T/help" && grep -q -- "--arm NAME" "$T/help"'
"$EXOPK" help export > "$T/help2" 2>&1
check "exopk help export is the same text" 'cmp -s "$T/help" "$T/help2"'
"$EXOPK" --help > "$T/all" 2>&1
check "exopk --help lists export" 'grep -q "^  export --sbml" "$T/all"'

# the man page documents the command and every option of its --help
if command -v groff > /dev/null 2>&1; then
  groff -man -Tutf8 -ww -P-cbou "$SRC/man/exopk.1" > "$T/man.txt" 2> /dev/null
else
  sed 's/\\-/-/g' "$SRC/man/exopk.1" > "$T/man.txt"
fi
missing=
for o in $(grep -o -- "--[a-z][a-z-]*" "$T/help" | sort -u); do
  grep -q -- "$o" "$T/man.txt" || missing="$missing $o"
done
grep -q "^   export" "$T/man.txt" || missing="$missing export"
check "the man page has export and its options" '[ -z "$missing" ] || { echo "# missing:$missing"; false; }'
check "docs/sbml.md exists and docs/shell.md points to it" \
  '[ -s "$SRC/docs/sbml.md" ] && grep -q "sbml.md" "$SRC/docs/shell.md"'

echo "1..$n"
exit 0
