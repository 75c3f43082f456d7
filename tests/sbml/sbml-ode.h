/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Test only: an SBML model read back with libsbml turned into an ODE
 * system that GSL can integrate.  Knows the SBML the exporter writes
 * (amount species, constant and assignment-rule parameters, reactions
 * with kinetic laws, events) and the MathML operators it emits; anything
 * else is refused with the reason, so the test cannot pass by skipping
 * part of a model. */
#ifndef EXOPK_TEST_SBML_ODE_H
#define EXOPK_TEST_SBML_ODE_H

#include <stddef.h>
#include <sbml/SBMLTypes.h>

typedef struct SbmlOde SbmlOde;

/* NULL with the reason in @why when the model uses what the evaluator
 * does not know. */
SbmlOde *sbml_ode_new(const Model_t *model, char *why, size_t size);
void sbml_ode_free(SbmlOde *o);

size_t sbml_ode_n(const SbmlOde *o);                        /* species */
const char *sbml_ode_species_name(const SbmlOde *o, size_t i);
void sbml_ode_initial(const SbmlOde *o, double *y);

/* dy/dt at (t, y): assignment rules in document order, then every
 * reaction's rate moved from its reactants to its products.  0, or -1 if
 * not finite. */
int sbml_ode_rhs(SbmlOde *o, double t, const double *y, double *dydt);

/* The distinct times of the events whose trigger is "time >= T" (sorted). */
size_t sbml_ode_n_times(const SbmlOde *o);
double sbml_ode_time(const SbmlOde *o, size_t k);

/* Fires the events due at @t: timed ones at T = t, then the others whose
 * trigger went from false to true since the last call; returns how many
 * fired.  Values come from the trigger time, or, for events with a
 * priority, from the moment each executes (highest priority first). */
int sbml_ode_events(SbmlOde *o, double t, double *y);

/* Nonzero if an event that is not timed would fire at (@t, @y): its
 * trigger is true and was false at the last sbml_ode_events call. */
int sbml_ode_state_event_due(SbmlOde *o, double t, const double *y);

#endif
