/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The reference case of data/README.md, "Default calibration", built in C,
 * so core tests need no Lua. */
#ifndef EXOPK_TEST_FIXTURE_H
#define EXOPK_TEST_FIXTURE_H
#include "exopk/exopk.h"

/* Library records of that calibration. */
ExopkSpecies fixture_mouse(void);
ExopkCarrier fixture_msc(void);
ExopkLoadingMethod fixture_electroporation(void);
ExopkAgent fixture_doxorubicin(void);
ExopkTumour fixture_mda_mb_231(void);

/* RNA agents for core tests: values inside the ranges of the RNA data
 * files (Bartlett & Davis 2006 rates for siRNA), chosen so that effects
 * show within a short study; the calibrated values live in data/agents/. */
ExopkAgent fixture_sirna(ExopkActsOn acts_on);
ExopkAgent fixture_antimir(void);
/* A miRNA mimic on @acts_on with few endogenous copies (20 per cell), so
 * that the fixture's doses raise its activity well above 1. */
ExopkAgent fixture_mimic(ExopkActsOn acts_on);

/* A study with the mouse, the exodox formulation (index 0) and the
 * doxorubicin agent (index 0), tumour if @tumour, and no arms; resolved
 * after you add arms with fixture_resolve(). */
ExopkStudy *fixture_study(int tumour);
void fixture_resolve(ExopkStudy *s);

/* The reference scenario: arms control, free_dox, exodox (data/README.md,
 * "Default calibration"). */
ExopkStudy *fixture_default_study(void);

/* A tumour study with DOX and an RNA cargo co-loaded in one formulation
 * (index 1, "coloaded"), the RNA agent free too, and arms 0 "dox" (DOX
 * exosomes), 1 "coloaded" (DOX + RNA), 2 "free_rna" (iv + ip), 3 "rna_it"
 * (co-loaded, intratumoral). */
ExopkStudy *fixture_rna_study(ExopkAgent rna);
/* DOX and a second small molecule with its own rho, co-loaded with @rna:
 * one arm (fixture.c) */
ExopkStudy *fixture_two_drug_rna_study(ExopkAgent rna);

/* The smallest value of a series of unit @unit that the accuracy contract
 * covers: 1e-6 of its state group's scale (docs/model.md §9.17: 1e11 particles,
 * 1 nmol, 100 mm3), converted to the series' unit for the reference mouse
 * (1 mL plasma, about 1e8 tumour cells, doses of about 2e11 particles). */
double fixture_accuracy_floor(const char *unit);

/* Largest relative difference between two results of the same arm, over
 * values above their floor; the series and time of it in @where. */
double fixture_max_rel_dev(const ExopkResult *r, const ExopkResult *ref, char *where,
                           size_t size);

/* y = expm(K t) y0 for a small linear system (K row-major, n x n): the
 * analytic oracle of linear compartment models.  GSL's status (0: ok). */
int fixture_expm_apply(const double *k, size_t n, double t, const double *y0, double *y);

/* The whole file at @path, NUL-terminated (its length in *@len when not
 * NULL); prints the path and aborts the test when it cannot be read.
 * free() it. */
char *fixture_read_file(const char *path, size_t *len);

/* Parses "rgb(a%,b%,c%)" (spaces allowed; plain 0..255 too) at @s into
 * fractions 0..1: cairo's SVG colours.  1, or 0 when it is not one. */
int fixture_parse_rgb(const char *s, double c[3]);

#endif
