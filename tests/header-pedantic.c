/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The public headers compile as strict ISO C11 with -pedantic -Werror. */
#include "exopk/exopk.h"
#include "exopk-lua.h"

int
main(void)
{
    return exopk_status_name(EXOPK_OK)[0] == 's' ? 0 : 1;
}
