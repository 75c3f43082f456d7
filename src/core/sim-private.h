/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The simulation engine of one arm, reusable across runs (sim.c), under
 * the compiled model and the one-shot exopk_simulate (compiled.c). */
#ifndef EXOPK_SIM_PRIVATE_H
#define EXOPK_SIM_PRIVATE_H

#include "exopk/sim.h"
#include "model-private.h"
#include "solver-private.h"

typedef struct {
    Model m;                   /* layout + constants; m.study borrowed */
    int m_ready;
    Rodas rd;                  /* pattern and elimination order set once */
    int rd_ready;
    double *atol, *y, *peak;   /* n + 1 each (a model may have no states) */
    /* per-run buffers, grown as needed and reset by each run */
    double *breaks, *amounts;
    size_t cap_doses;
    double *states, *bio, *pgiven, *cgiven, *fgiven;
    size_t cap_rows;
} SimEngine;

/* Builds the layout of arm @arm of @study, the Jacobian structure, the
 * solver workspace and its ordering.  0, or -1 on ENOMEM (@e cleared). */
int sim_engine_init(SimEngine *e, const ExopkStudy *study, size_t arm);
void sim_engine_clear(SimEngine *e);   /* safe on a zeroed or cleared engine */

/* Simulates arm @arm of @study (borrowed for the run; the same layout as
 * the engine was built for, values free to differ): constants refreshed,
 * every per-run state reset.  NULL + @err on failure.  (transfer full) */
ExopkResult *sim_engine_run(SimEngine *e, const ExopkStudy *study, size_t arm,
                            const ExopkSimOptions *opts, ExopkError *err);

/* The compiled model with options (compiled.c): compiles arm @arm of
 * @study, resolving the copy with COMPILE_RESOLVE (exopk_simulate takes
 * the study as it is) and listing the parameters with COMPILE_PARAMS.
 * With @params_of, the parameters are those of that model (the names
 * refer to its arm's dosing line), so a vector of @params_of runs this
 * model too: the optimiser's control arm.  The copy expands every arm
 * against the study's horizon. */
enum { COMPILE_RESOLVE = 1, COMPILE_PARAMS = 2 };
typedef struct ExopkModel ExopkModel;
ExopkModel *model_compile_with(const ExopkStudy *study, size_t arm, const ExopkModel *params_of,
                               unsigned flags, ExopkError *err);

/* The study as @sim's last run used it (the model's, with that run's
 * parameter vector applied); borrowed until the next run. */
typedef struct ExopkSim ExopkSim;
const ExopkStudy *sim_study(const ExopkSim *sim);

#endif
