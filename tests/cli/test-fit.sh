#!/bin/sh
# `exopk fit` integration tests (TAP).  $1: the exopk binary, $2: the source root.
# SPDX-License-Identifier: GPL-3.0-or-later
EXOPK=$1
SRC=$2
STUDY=$SRC/data/examples/default.lua
. "$(dirname "$0")/tap.sh"
# column $2 of the row of $1 whose first field is $3
field() { awk -F, -v p="$3" -v c="$2" '$1 == p { print $c }' "$1"; }
within() { awk -v x="$1" -v lo="$2" -v hi="$3" 'BEGIN { exit !(x >= lo && x <= hi) }'; }

# Data: free DOX in plasma simulated with CL = 0.2 L/h (the study has
# another value), times 1.05 and 0.95 in turn: the fit must find CL = 0.2
# L/h to within the 5 % noise over 8 points (SE of ln CL about 0.05/sqrt(8)
# times the sensitivity ratio: 0.2 +- 3 %), and the proportional error
# sqrt(mean of 0.05^2) = 0.05 (+- 30 % for 8 points).
"$EXOPK" simulate "$STUDY" --set "doxorubicin.cl=0.2 L/h" -o "$T/sim" > /dev/null 2>&1
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i ~ /^doxorubicin.plasma \[/) c = i;
                   print "arm,time [h],name,value"; next }
         $1 == 1 || $1 == 2 || $1 == 3 || $1 == 4 || $1 == 6 || $1 == 8 || $1 == 12 || $1 == 24 {
           k++; printf "free_dox,%s,doxorubicin.plasma,%.10g\n", $1, $c * (k % 2 ? 1.05 : 0.95) }' \
  "$T/sim/free_dox.csv" > "$T/data.csv"
check "the data have 8 rows" '[ $(wc -l < "$T/data.csv") -eq 9 ]'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl -o "$T/fit" > "$T/out" 2> "$T/err"; rc=$?
check "fit: exit 0" '[ $rc -eq 0 ]'
check "estimates.csv header" 'head -1 "$T/fit/estimates.csv" | grep -qx "parameter,estimate,unit,se,rse_pct,ci95_low,ci95_high"'
check "CL = 0.2 L/h within 3 %" 'within "$(field "$T/fit/estimates.csv" 2 doxorubicin.cl)" 0.194 0.206'
check "CL in L/h" '[ "$(field "$T/fit/estimates.csv" 3 doxorubicin.cl)" = "L/h" ]'
check "the 95 % CI holds 0.2" 'within 0.2 "$(field "$T/fit/estimates.csv" 6 doxorubicin.cl)" "$(field "$T/fit/estimates.csv" 7 doxorubicin.cl)"'
check "SE = RSE % x estimate / 100" 'awk -F, "\$1 == \"doxorubicin.cl\" { d = \$4 - \$5 * \$2 / 100; exit !(d < 1e-9 && d > -1e-9) }" "$T/fit/estimates.csv"'
check "proportional error 0.05 (+- 30 %)" 'within "$(field "$T/fit/estimates.csv" 2 error.doxorubicin.plasma.proportional)" 0.035 0.065'
check "residuals.csv: header and 8 rows" 'head -1 "$T/fit/residuals.csv" | grep -qx "arm,time,name,observed,predicted,weighted_residual,below_lloq" && [ $(wc -l < "$T/fit/residuals.csv") -eq 9 ]'
check "weighted residuals near +-1 (5 % of 5 %)" 'awk -F, "NR > 1 { r = \$6 < 0 ? -\$6 : \$6; if (r < 0.5 || r > 1.5) bad = 1 } END { exit bad }" "$T/fit/residuals.csv"'
check "correlation.csv: unit diagonal" '[ "$(field "$T/fit/correlation.csv" 2 doxorubicin.cl)" = "1" ]'

# --plot: the time course with the fitted model, observed vs predicted per
# name and the weighted residuals; each of the 8 rows is a point (a fill in
# colour 0, cairo's "fill:rgb(...)") in all three panels, the arm's key in
# the time course is one more fill (text), and its curve is one stroke
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl -o "$T/fitp" --plot "$T/gof.svg" > /dev/null 2>&1; rc=$?
check "--plot FILE.svg: exit 0, axes with units" '[ $rc -eq 0 ] && grep -q "^doxorubicin.plasma observed \[nmol/L\] against predicted \[nmol/L\], identity line$" "$T/gof.svg" && grep -q "^weighted residual \[1\] against time$" "$T/gof.svg"'
check "--plot: 8 points in each of the three panels, the key" '[ $(grep -o "fill:rgb(0%,44.705882%,69.803922%)" "$T/gof.svg" | wc -l) -eq 25 ]'
check "--plot: the fitted curve over time" 'grep -q "^doxorubicin.plasma \[nmol/L\] against time: observed and the fitted model of each arm$" "$T/gof.svg" && [ $(grep -o "stroke:rgb(0%,44.705882%,69.803922%)" "$T/gof.svg" | wc -l) -eq 1 ]'
# DIR/fitted.lua: the study with the estimate; run, it predicts at every
# observation time what residuals.csv says the fit predicted
"$EXOPK" simulate "$T/fitp/fitted.lua" -o "$T/fitted-run" > /dev/null 2>&1; rc=$?
check "fitted.lua holds the estimate and runs" '[ $rc -eq 0 ] && grep -q "\[\"doxorubicin.cl\"\] = " "$T/fitp/fitted.lua"'
check "fitted.lua predicts what the fit did (1e-6)" 'awk -F, "FNR == 1 { f++ } f == 1 && FNR == 1 { for (i = 1; i <= NF; i++) if (\$i ~ /^doxorubicin.plasma \\[/) c = i; next }
  f == 1 { y[\$1] = \$c; next } FNR > 1 { n++; d = (y[\$2] - \$5) / \$5; if (d > 1e-6 || d < -1e-6) bad = 1 }
  END { exit bad || n != 8 }" "$T/fitted-run/free_dox.csv" "$T/fitp/residuals.csv"'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl -o "$T/fitp" --plot "$T/gof.png" > /dev/null 2>&1; rc=$?
check "--plot FILE.png: a PNG" '[ $rc -eq 0 ] && [ "$(head -c 8 "$T/gof.png" | od -An -tx1 | tr -d " \n")" = "89504e470d0a1a0a" ]'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl -o "$T/fitx" --plot "$T/gof.tiff" > /dev/null 2> "$T/err"; rc=$?
check "--plot FILE.tiff: exit 2 before the fit" '[ $rc -eq 2 ] && grep -q "unknown figure format \".tiff\"" "$T/err" && [ ! -e "$T/fitx" ]'
check "summary: AIC = -2LL + 2 x 2" 'awk -F, "\$1 == \"minus2ll\" { m = \$2 } \$1 == \"aic\" { a = \$2 } END { exit !(a - m > 3.999999 && a - m < 4.000001) }" "$T/fit/summary.csv"'
check "summary: 8 observations, converged" 'grep -qx "n_observations,8" "$T/fit/summary.csv" && grep -qx "status,converged" "$T/fit/summary.csv"'
check "no temporary files left" '! ls "$T/fit" | grep -q tmp'
check "no identifiability warning" '! grep -q "not identifiable" "$T/err"'

# A parameter the plasma data cannot see: flagged by name.
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl \
  --estimate tumour.growth_rate -o "$T/fit2" > /dev/null 2> "$T/err"; rc=$?
check "an unseen parameter: exit 0, warned by name" '[ $rc -eq 0 ] && grep -q "warning: parameter tumour.growth_rate is not identifiable" "$T/err"'

# A prior holds what the data cannot see: growth rate stays in its range.
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --estimate tumour.growth_rate \
  --prior tumour.growth_rate=0.003:0.006 -o "$T/fit3" > /dev/null 2> "$T/err"; rc=$?
check "--prior PATH=LOW:HIGH: the estimate at the prior's median sqrt(0.003 x 0.006)" 'within "$(field "$T/fit3/estimates.csv" 2 tumour.growth_rate)" 0.00423 0.00426'
check "--prior: the SE of ln is the prior's (ln 2 / 3.92 = 17.7 %)" 'within "$(field "$T/fit3/estimates.csv" 5 tumour.growth_rate)" 17.5 17.9'

# --prior library: the library range of ps_tum (0.25-2.1 1/h around 0.5,
# the study's value too) as a central 95 %: median sqrt(0.25 x 2.1) =
# 0.7246, RSE (ln 2.1 - ln 0.25) / 3.92 = 54.28 % (plasma DOX cannot see it).
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --estimate carrier.msc.ps_tum \
  --prior library -o "$T/fit4" > /dev/null 2> "$T/err"; rc=$?
check "--prior library: ps_tum at the range's median" '[ $rc -eq 0 ] && within "$(field "$T/fit4/estimates.csv" 2 carrier.msc.ps_tum)" 0.722 0.727'
check "--prior library: RSE of the range" 'within "$(field "$T/fit4/estimates.csv" 5 carrier.msc.ps_tum)" 54.1 54.5'
check "--prior library: CL as without it" 'within "$(field "$T/fit4/estimates.csv" 2 doxorubicin.cl)" 0.194 0.206'

# exopk.fit from Lua: the same estimate.
cat > "$T/fit.lua" <<LUA
local exopk = require "exopk"
local s = exopk.load("$STUDY")
local r = exopk.fit{ study = s, data = "$T/data.csv", estimate = { "doxorubicin.cl" } }
print(r.status, r.estimate["doxorubicin.cl"], r.estimates[1].unit, r.n_observations,
      r.study.params["doxorubicin.cl"] == r.estimate["doxorubicin.cl"],
      s.params["doxorubicin.cl"] == nil)
LUA
"$EXOPK" run "$T/fit.lua" > "$T/out" 2> "$T/err"; rc=$?
check "exopk.fit: exit 0, converged, L/h, 8 rows" '[ $rc -eq 0 ] && awk "{ exit !(\$1 == \"converged\" && \$3 == \"L/h\" && \$4 == 8) }" "$T/out"'
check "exopk.fit: CL = 0.2 L/h within 3 %" 'within "$(awk "{ print \$2 }" "$T/out")" 0.194 0.206'
check "exopk.fit: result.study has the estimate, the study is unchanged" 'awk "{ exit !(\$5 == \"true\" && \$6 == \"true\") }" "$T/out"'
cat > "$T/bad.lua" <<LUA
local exopk = require "exopk"
exopk.fit{ study = exopk.load("$STUDY"), data = "$T/data.csv", estimate = { "doxorubicin.cl" },
           error_model = { ["doxorubicin.plasma"] = "multiplicative" } }
LUA
"$EXOPK" run "$T/bad.lua" > /dev/null 2> "$T/err"; rc=$?
check "exopk.fit: a bad error model is an error" '[ $rc -ne 0 ] && grep -q "invalid option .multiplicative." "$T/err"'

# Bad input: exact messages.
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cll -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a typo in --estimate: exit 2, the nearest name" '[ $rc -eq 2 ] && grep -q "did you mean \"doxorubicin.cl\"" "$T/err"'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --error doxorubicin.plasma=multiplicative -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "an unknown error model: exit 2" '[ $rc -eq 2 ] && grep -qx "exopk fit: --error doxorubicin.plasma=multiplicative: expected NAME=additive, NAME=proportional or NAME=combined" "$T/err"'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --error doxorubicin.plasm=additive -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "--error for a name without data: exit 2, the nearest name" '[ $rc -eq 2 ] && grep -q "fit: --error doxorubicin.plasm: no observation has this name (did you mean \"doxorubicin.plasma\"?)" "$T/err"'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate "doxorubicin.cl=0.1:1:0.5" -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "bounds the wrong way round: exit 2" '[ $rc -eq 2 ] && grep -q "expected 0 < LOW < HIGH" "$T/err"'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate "doxorubicin.cl=2 mg" -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a start in the wrong unit: exit 2" '[ $rc -eq 2 ] && grep -qx "exopk fit: --estimate doxorubicin.cl: \"2 mg\" is not a number or a quantity of this parameter" "$T/err"'
"$EXOPK" fit "$STUDY" --estimate doxorubicin.cl -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a study without data and no --data: exit 2" '[ $rc -eq 2 ] && grep -q "names no data: give --data FILE" "$T/err"'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --prior tumour.growth_rate=1:2 -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "a prior on a parameter not estimated: exit 2" '[ $rc -eq 2 ] && grep -q "tumour.growth_rate is not estimated" "$T/err"'
"$EXOPK" fit "$STUDY" -o "$T/e" > /dev/null 2> "$T/err"; rc=$?
check "no --estimate: exit 2, usage" '[ $rc -eq 2 ] && grep -q "at least one --estimate" "$T/err"'
check "no output directory after an error" '[ ! -e "$T/e" ]'
# --profile: the likelihood profile of CL.  The profile (the error re-fitted
# at each fixed CL) has its least value at the estimate, rises on both
# sides, and crosses the least value + 3.84 (chi2(1, 0.95)) where the
# summary says.  Against the Wald interval: -2LL is n ln(sum r^2 / n) in CL
# with r_i = y_i / f_i - 1; its curvature in ln CL is the expected
# information's times 1 + 3 e - 2 (sum +-s_i)^2 / (n sum s_i^2) to first order
# (e the s^2-weighted mean of the +-5 % noise, s_i = d ln f_i / d ln CL), so
# with e <= 0.05 and n = 8 the information ratio lies within 1 -+ 0.4 and
# the widths' ratio within 1 / sqrt(1.4) = 0.85 and 1 / sqrt(0.6) = 1.29.
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --profile doxorubicin.cl \
  -o "$T/prof" > /dev/null 2> "$T/err"; rc=$?
check "--profile: exit 0, profile.csv with 21 points" '[ $rc -eq 0 ] && head -1 "$T/prof/profile.csv" | grep -qx "value,minus2ll" && [ $(wc -l < "$T/prof/profile.csv") -eq 22 ]'
m2ll=$(field "$T/prof/summary.csv" 2 minus2ll)
plo=$(field "$T/prof/summary.csv" 2 profile_ci95_low); phi=$(field "$T/prof/summary.csv" 2 profile_ci95_high)
wlo=$(field "$T/prof/estimates.csv" 6 doxorubicin.cl); whi=$(field "$T/prof/estimates.csv" 7 doxorubicin.cl)
check "--profile: its least value is the fit's, at the estimate" 'awk -F, -v m="$m2ll" -v est="$(field "$T/prof/estimates.csv" 2 doxorubicin.cl)" "NR > 1 { if (\$2 < m - 1e-6) bad = 1; if (\$1 == est && \$2 - m < 1e-9 && m - \$2 < 1e-9) mid = 1 } END { exit bad || !mid }" "$T/prof/profile.csv"'
check "--profile: rises past 3.84 on both sides" 'awk -F, -v m="$m2ll" "NR == 2 { a = \$2 } { b = \$2 } END { exit !(a > m + 3.84 && b > m + 3.84) }" "$T/prof/profile.csv"'
check "--profile: the CI where the profile crosses -2LL + 3.84 (ln interpolation)" 'awk -F, -v m="$m2ll" -v lo="$plo" -v hi="$phi" "NR > 1 { v[NR] = \$1; d[NR] = \$2 - m - 3.841458821; n = NR } END { for (i = 2; i < n; i++) if ((d[i] > 0) != (d[i + 1] > 0)) { x = exp(log(v[i]) + d[i] / (d[i] - d[i + 1]) * (log(v[i + 1]) - log(v[i]))); if (d[i] > 0) L = x; else H = x } exit !(L / lo > 1 - 1e-6 && L / lo < 1 + 1e-6 && H / hi > 1 - 1e-6 && H / hi < 1 + 1e-6) }" "$T/prof/profile.csv"'
check "--profile: the CI holds the true CL 0.2" 'within 0.2 "$plo" "$phi"'
check "--profile: width within 0.85-1.29 of the Wald interval's (in ln)" 'awk "BEGIN { r = log($phi / $plo) / log($whi / $wlo); exit !(r >= 0.85 && r <= 1.29) }"'
check "--profile: each side within 0.85-1.29 of Wald's" 'awk -v e="$(field "$T/prof/estimates.csv" 2 doxorubicin.cl)" "BEGIN { a = log(e / $plo) / log(e / $wlo); b = log($phi / e) / log($whi / e); exit !(a >= 0.85 && a <= 1.29 && b >= 0.85 && b <= 1.29) }"'
# The profile of a parameter the data do not inform is its prior's:
# ((ln p - m) / s)^2 reaches 3.84 at m -+ 1.96 s, the library range 0.25
# and 2.1 1/h of ps_tum; linear interpolation of that parabola between grid
# points 0.4 s apart moves a crossing by under 0.01 s (0.6 %): +- 2 %.
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --estimate carrier.msc.ps_tum \
  --prior library --profile carrier.msc.ps_tum -o "$T/prof3" > /dev/null 2> "$T/err"; rc=$?
check "--profile under a prior: the prior's 95 % range 0.25-2.1" '[ $rc -eq 0 ] && within "$(field "$T/prof3/summary.csv" 2 profile_ci95_low)" 0.245 0.255 && within "$(field "$T/prof3/summary.csv" 2 profile_ci95_high)" 2.058 2.142'
"$EXOPK" fit "$STUDY" --data "$T/data.csv" --estimate doxorubicin.cl --profile doxorubicin.kl \
  -o "$T/prof2" > /dev/null 2> "$T/err"; rc=$?
check "--profile of a parameter not estimated: exit 2, the nearest name" '[ $rc -eq 2 ] && grep -q "not an --estimate parameter (did you mean \"doxorubicin.cl\"?)" "$T/err"'
"$EXOPK" fit --help > "$T/out" 2>&1; rc=$?
check "--help: exit 0, lists --estimate" '[ $rc -eq 0 ] && grep -q -- "--estimate PATH" "$T/out"'
"$EXOPK" help fit > "$T/out2" 2>&1; rc=$?
check "help fit: exit 0, the same text as fit --help" '[ $rc -eq 0 ] && cmp -s "$T/out" "$T/out2"'
for c in simulate batch population sensitivity fit run check params validate; do
  "$EXOPK" help $c > "$T/out3" 2>&1; rc=$?
  check "help $c: exit 0, its usage" '[ $rc -eq 0 ] && head -1 "$T/out3" | grep -q "^usage: exopk $c"'
done

echo "1..$n"
exit $fail
