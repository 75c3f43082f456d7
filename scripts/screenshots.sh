#!/bin/sh
# Saves PNGs of exopk-gtk's main window on data/examples/default.lua:
# docs/screenshot.png (the Explore page after the first plot) and
# docs/screenshot-optimise.png (the Optimise page after a small run on the
# exodox arm).  In-process snapshots (exopk-gtk --screenshot=FILE and
# --screenshot-optimise=FILE, TOOLCHAIN.md §7) under Xvfb, so no
# ImageMagick and no window manager.
# Usage: scripts/screenshots.sh [BUILD_DIR]      (default: build)
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
app=$build/src/gui/exopk-gtk
[ -x "$app" ] || { echo "screenshots.sh: build exopk-gtk first ($app)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "screenshots.sh: needs xvfb-run (xvfb, xauth)" >&2; exit 2; }
state=$(mktemp -d)
trap 'rm -rf "$state"' EXIT
mkdir -p "$root/docs"
# a private state dir: no "Recover unsaved changes?" from a real session
shot() {
    env GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none LANG=C.UTF-8 XDG_STATE_HOME="$state" \
        EXOPK_DATA_DIR="$root/data" \
        xvfb-run -a -s '-screen 0 1600x1024x24' \
        "$app" "$1" "$root/data/examples/default.lua"
}
shot --screenshot="$root/docs/screenshot.png"
echo "wrote $root/docs/screenshot.png"
shot --screenshot-optimise="$root/docs/screenshot-optimise.png"
echo "wrote $root/docs/screenshot-optimise.png"
