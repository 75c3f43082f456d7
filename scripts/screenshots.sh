#!/bin/sh
# Saves a PNG of exopk-gtk's main window on data/examples/default.lua into
# docs/screenshot.png: an in-process snapshot (exopk-gtk --screenshot=FILE,
# TOOLCHAIN.md §7) under Xvfb, so no ImageMagick and no window manager.
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
env GDK_BACKEND=x11 GSK_RENDERER=cairo GTK_A11Y=none LANG=C.UTF-8 XDG_STATE_HOME="$state" \
    EXOPK_DATA_DIR="$root/data" \
    xvfb-run -a -s '-screen 0 1600x1024x24' \
    "$app" --screenshot="$root/docs/screenshot.png" "$root/data/examples/default.lua"
echo "wrote $root/docs/screenshot.png"
