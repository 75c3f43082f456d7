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

/* Builds the layout of @arm (one of @study's arms, or one expanded apart
 * from them), the Jacobian structure, the solver workspace and its
 * ordering.  0, or -1 on ENOMEM (@e cleared). */
int sim_engine_init(SimEngine *e, const ExopkStudy *study, const ExopkArm *arm);
void sim_engine_clear(SimEngine *e);   /* safe on a zeroed or cleared engine */

/* Simulates @arm with the values of @study (both borrowed for the run;
 * the same layout as the engine was built for, values free to differ):
 * constants refreshed, every per-run state reset.  The arm's doses must
 * lie within the study's horizon.  NULL + @err on failure.
 * (transfer full) */
ExopkResult *sim_engine_run(SimEngine *e, const ExopkStudy *study, const ExopkArm *arm,
                            const ExopkSimOptions *opts, ExopkError *err);

/* exopk_model_compile with the parameters of @params_of, if not NULL
 * (compiled.c): the names refer to that model's arm's dosing line, so a
 * vector of @params_of runs this model too: the optimiser's control arm.
 * The copy expands every arm against the study's horizon. */
typedef struct ExopkModel ExopkModel;
ExopkModel *model_compile_with(const ExopkStudy *study, size_t arm, const ExopkModel *params_of,
                               ExopkError *err);

/* The study as @sim's last run used it (the model's, with that run's
 * parameter vector applied); borrowed until the next run. */
typedef struct ExopkSim ExopkSim;
const ExopkStudy *sim_study(const ExopkSim *sim);

#endif
