#!/bin/sh
# Saves PNGs of exopk-gtk's main window on data/examples/default.lua:
# docs/screenshot.png (the Explore page after the first plot: the editors
# with their unit selectors, each arm's regimen in the legend, the doses on
# the time axis), docs/screenshot-arms.png (the editors scrolled to the
# arms: doses in mg/kg and particles, times in d), docs/screenshot-optimise.png (the Optimise page after a
# small run on the exodox arm), docs/screenshot-population.png (the
# Population bands of the default study with some variability added) and
# docs/screenshot-fit.png (the Fit page after a fit of doxorubicin.cl to
# data/examples/calibration.lua); and BUILD_DIR/screenshot-loading.png (a
# slow study loading, for a look, not committed).  In-process snapshots by
# tests/gui/exopk-gui-screenshot, which runs the app's code and drives it
# under Xvfb, so no ImageMagick and no window manager.
# Usage: scripts/screenshots.sh [BUILD_DIR]      (default: build)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
shooter=$build/tests/gui/exopk-gui-screenshot
[ -x "$shooter" ] || { echo "screenshots.sh: build first ($shooter)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: needs xvfb-run (xvfb, xauth)" >&2; exit 2; }
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
mkdir -p "$root/docs"
# a private state dir: no "Recover unsaved changes?" from a real session
shot() {
    env GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none LANG=C.UTF-8 XDG_STATE_HOME="$state" \
        EXOPK_DATA_DIR="$root/data" \
        xvfb-run -a -s '-screen 0 1600x1024x24' \
        "$shooter" "$1" "$2" "${3:-$root/data/examples/default.lua}"
    echo "wrote $2"
}
# the default study with the variability of docs/population.md's example
varied=$state/default-varied.lua
sed 's|^  horizon  *= "28 d",|&\
  variability = { ["carrier.k_pt"] = "30 %", ["tumour.growth_rate"] = "25 %", dose = "10 %" },|' \
    "$root/data/examples/default.lua" > "$varied"
grep -q '^  variability' "$varied" || { echo "screenshots.sh: no horizon line in default.lua" >&2; exit 1; }
shot explore "$root/docs/screenshot.png"
shot arms "$root/docs/screenshot-arms.png"
shot optimise "$root/docs/screenshot-optimise.png"
shot population "$root/docs/screenshot-population.png" "$varied"
shot fit "$root/docs/screenshot-fit.png" "$root/data/examples/calibration.lua"
shot loading "$build/screenshot-loading.png"
