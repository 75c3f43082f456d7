#!/bin/sh
# Installs exopk's build and test dependencies from Debian 12's packages.
# SPDX-License-Identifier: GPL-3.0-or-later
set -eu
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  build-essential meson ninja-build pkg-config \
  libgsl-dev libnlopt-dev liblua5.4-dev lua5.4 check libcairo2-dev \
  libgtk-4-dev libgtk-4-bin libxml2-utils xvfb xauth desktop-file-utils appstream \
  libsundials-dev libsbml5-dev \
  libopenmpi-dev openmpi-bin \
  python3 groff-base > /dev/null   # libsbml: exopk export --sbml; Open MPI: -Dmpi; test only: the CVODE cross-check; reading back JSON and CSV, the man page
