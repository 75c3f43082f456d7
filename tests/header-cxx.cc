// SPDX-License-Identifier: GPL-3.0-or-later
// The public headers compile as C++ (extern "C" guards, no C-only syntax).
#include "exopk/exopk.h"
#include "exopk-lua.h"

int
main()
{
    ExopkError err;
    exopk_init();
    return exopk_units_parse_as("1 h", EXOPK_KIND_TIME, nullptr, &err) == EXOPK_OK ? 1 : 0;
}
