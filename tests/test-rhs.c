/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The right-hand side's tumour and RNA-effect modules at one state against
 * the model's equations written out by hand (docs/model.md §4, §5, §9.5):
 * the Emax kill of each population, S -> R transfer under drug stress, and
 * each RNA effect X (1 - share (1 - level)).  The oracles run whole
 * simulations; these pin the terms no closed-form run isolates.  The
 * formulas differ from the code only in the order of operations, so they
 * agree to a few ulps: tolerance 1e-12 relative. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <check.h>

#include "fixture.h"
#include "../src/core/model-private.h"

#define REL 1e-12

#define near(got, want)                                                                  \
    ck_assert_msg(fabs((got) - (want)) <= REL * fabs(want), "%s: %.15g, want %.15g", #got, \
                  (double) (got), (double) (want))

/* A model of @arm at a state with only the tumour populations @S, @R and
 * what the test sets after. */
typedef struct {
    Model m;
    double *y, *f;
} Point;

static void
point_init(Point *p, const ExopkStudy *s, size_t arm, double S, double R)
{
    ck_assert_int_eq(model_init(&p->m, s, arm), 0);
    p->y = calloc(p->m.n, sizeof *p->y);
    p->f = calloc(p->m.n, sizeof *p->f);
    p->y[p->m.s] = S;
    p->y[p->m.r] = R;
}

static void
point_eval(Point *p)
{
    ck_assert_int_eq(model_eval(&p->m, p->y, p->f, NULL), 0);
}

static void
point_clear(Point *p)
{
    free(p->y);
    free(p->f);
    model_clear(&p->m);
}

/* kmax C^h / (EC50^h + C^h), C the amount over the cells' water volume */
static double
emax(const ExopkAgent *ag, const ExopkTumour *t, double amount, double x, double ec50)
{
    double c = amount / ((1 - t->f_int) * 1e-6 * x);
    return ag->kmax * pow(c, ag->hill) / (pow(ec50, ag->hill) + pow(c, ag->hill));
}

static double
gompertz_lambda(const ExopkTumour *t)
{
    return t->growth_rate / log(t->capacity / 100.0);   /* growth_rate is at 100 mm3 */
}

START_TEST(kill_and_transfer_follow_the_drug_in_cells)
{
    ExopkStudy *s = fixture_default_study();
    const ExopkTumour *t = &s->tumour;
    ExopkAgent *ag = &s->agents[0];
    const double S = 400, R = 100, N = S + R, as = 3.0, ar = 0.5;
    Point p;
    const AgentBlock *ab;
    double ks, kr, stress, ksr, gs;

    ag->hill = 1.5;    /* a non-trivial Hill exponent */
    point_init(&p, s, 2, S, R);   /* exodox */
    ab = &p.m.agents[model_agent_of(&p.m, 0)];
    p.y[ab->as] = as;
    p.y[ab->ar] = ar;
    point_eval(&p);
    ks = emax(ag, t, as, S, ag->ec50);
    kr = emax(ag, t, ar, R, t->rho * ag->ec50);
    ck_assert_double_gt(ks, 0.1 * ag->kmax);   /* the test sees the kill */
    near(p.f[p.m.d1], ks * S + kr * R);
    stress = (ks * S + kr * R) / (N * ag->kmax);
    ksr = t->transfer_rate * R / N * (1 + t->stress_gain * stress) + t->mutation_rate;
    gs = gompertz_lambda(t) * log(t->capacity / N);
    near(p.f[p.m.s], gs * S - ksr * S - ks * S);
    near(p.f[p.m.r], (1 - t->fitness_cost) * gs * R + ksr * S - kr * R);
    point_clear(&p);
    exopk_study_free(s);
}
END_TEST

/* A co-loaded arm (DOX + @rna) at S, R with the RNA levels @ls, @lr (target
 * protein for siRNA, miRNA activity for anti-miR) and DOX @ar in R cells. */
static void
rna_point(Point *p, const ExopkStudy *s, double S, double R, double ls, double lr, double ar)
{
    const AgentBlock *rb, *db;

    point_init(p, s, 1, S, R);
    rb = &p->m.agents[model_agent_of(&p->m, 1)];
    db = &p->m.agents[model_agent_of(&p->m, 0)];
    p->y[rb->cls == EXOPK_CLASS_SIRNA ? rb->ps : rb->ms] = ls;
    p->y[rb->cls == EXOPK_CLASS_SIRNA ? rb->pr : rb->mr] = lr;
    p->y[db->ar] = ar;
    point_eval(p);
}

static double
effect(double share, double level)
{
    return 1 - share * (1 - level);
}

START_TEST(sirna_scales_growth_transfer_and_resistance)
{
    const double S = 400, R = 100, N = S + R, ps = 0.4, pr = 0.7, f = 0.6;
    ExopkStudy *s;
    const ExopkTumour *t;
    Point p;
    double lam, ksr, rho, kr;

    /* growth: each population by its own protein level */
    s = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_GROWTH));
    t = &s->tumour;
    s->agents[1].share = f;
    rna_point(&p, s, S, R, ps, pr, 0);
    lam = gompertz_lambda(t);
    ksr = t->transfer_rate * R / N + t->mutation_rate;
    near(p.f[p.m.s], lam * effect(f, ps) * log(t->capacity / N) * S - ksr * S);
    near(p.f[p.m.r],
          (1 - t->fitness_cost) * lam * effect(f, pr) * log(t->capacity / N) * R + ksr * S);
    point_clear(&p);
    exopk_study_free(s);

    /* transfer: by the viable mean level */
    s = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_TRANSFER));
    t = &s->tumour;
    s->agents[1].share = f;
    rna_point(&p, s, S, R, ps, pr, 0);
    ksr = t->transfer_rate * effect(f, (ps * S + pr * R) / N) * R / N + t->mutation_rate;
    near(p.f[p.m.s], gompertz_lambda(t) * log(t->capacity / N) * S - ksr * S);
    point_clear(&p);
    exopk_study_free(s);

    /* resistance: rho - 1 by the resistant cells' level, seen in their kill */
    s = fixture_rna_study(fixture_sirna(EXOPK_ACTS_ON_RESISTANCE));
    t = &s->tumour;
    s->agents[1].share = f;
    rna_point(&p, s, S, R, ps, pr, 0.5);
    rho = 1 + (t->rho - 1) * effect(f, pr);
    kr = emax(&s->agents[0], t, 0.5, R, rho * s->agents[0].ec50);
    near(p.f[p.m.d1], kr * R);
    point_clear(&p);
    exopk_study_free(s);
}
END_TEST

/* Two drugs and an siRNA on resistance: each drug's kill in resistant
 * cells uses its own rho (gemcitabine 5 from the tumour's rho_agent, DOX the
 * tumour's 2); the siRNA scales rho - 1 of the drug it names in
 * resistance_of only, and of both when it names none. */
START_TEST(sirna_changes_the_rho_of_the_drug_it_names)
{
    const double S = 400, R = 100, pr = 0.3, f = 0.8, ar_d = 0.5, ar_g = 0.2;
    static const char *const NAMES[3] = { "gemcitabine", "doxorubicin", "" };

    for (int v = 0; v < 3; v++) {
        ExopkAgent rna = fixture_sirna(EXOPK_ACTS_ON_RESISTANCE);
        ExopkStudy *s;
        const ExopkAgent *dox, *gem;
        const AgentBlock *rb, *db, *gb;
        double rho_d, rho_g, kr;
        Point p;

        snprintf(rna.resistance_of, sizeof rna.resistance_of, "%s", NAMES[v]);
        rna.share = f;
        s = fixture_two_drug_rna_study(rna);
        dox = &s->agents[0];
        gem = &s->agents[1];
        ck_assert_double_eq(dox->rho, s->tumour.rho);
        ck_assert_double_eq(gem->rho, 5);
        point_init(&p, s, 0, S, R);
        db = &p.m.agents[model_agent_of(&p.m, 0)];
        gb = &p.m.agents[model_agent_of(&p.m, 1)];
        rb = &p.m.agents[model_agent_of(&p.m, 2)];
        p.y[rb->ps] = 1;
        p.y[rb->pr] = pr;
        p.y[db->ar] = ar_d;
        p.y[gb->ar] = ar_g;
        point_eval(&p);
        rho_d = v != 0 ? 1 + (s->tumour.rho - 1) * effect(f, pr) : s->tumour.rho;
        rho_g = v != 1 ? 1 + (5 - 1) * effect(f, pr) : 5;
        kr = emax(dox, &s->tumour, ar_d, R, rho_d * dox->ec50) +
             emax(gem, &s->tumour, ar_g, R, rho_g * gem->ec50);
        near(p.f[p.m.d1], kr * R);
        point_clear(&p);
        exopk_study_free(s);
    }
}
END_TEST

START_TEST(antimir_scales_resistance_and_transfer)
{
    const double S = 300, R = 200, N = S + R, as = 0.6, ar = 0.3;
    ExopkStudy *s = fixture_rna_study(fixture_antimir());
    const ExopkTumour *t = &s->tumour;
    const ExopkAgent *am = &s->agents[1], *dox = &s->agents[0];
    Point p;
    double rho, kr, ksr;

    rna_point(&p, s, S, R, as, ar, 0.5);
    rho = 1 + (t->rho - 1) * effect(am->share, ar);
    kr = emax(dox, t, 0.5, R, rho * dox->ec50);
    near(p.f[p.m.d1], kr * R);
    ksr = t->transfer_rate * effect(am->share_transfer, (as * S + ar * R) / N) * R / N *
              (1 + t->stress_gain * kr * R / (N * dox->kmax)) +
          t->mutation_rate;
    near(p.f[p.m.s], gompertz_lambda(t) * log(t->capacity / N) * S - ksr * S);
    point_clear(&p);
    exopk_study_free(s);
}
END_TEST

/* 1 - share u/(ea50 + u): the mimic's repression at activity raise u */
static double
mimic_effect(const ExopkAgent *mi, double u)
{
    return 1 - mi->share * u / (mi->ea50 + u);
}

/* A co-loaded arm (DOX + mimic) at S, R with @qs, @qr mimic copies per
 * cell in each population and DOX @ar in R cells. */
static void
mimic_point(Point *p, const ExopkStudy *s, double S, double R, double qs, double qr, double ar)
{
    const double cpm = s->tumour.cells_per_mm3, na = 6.02214076e14;   /* per nmol */
    const AgentBlock *rb, *db;

    point_init(p, s, 1, S, R);
    rb = &p->m.agents[model_agent_of(&p->m, 1)];
    db = &p->m.agents[model_agent_of(&p->m, 0)];
    ck_assert_int_eq(rb->ms, -1);   /* activity is algebraic: no level state */
    p->y[rb->as] = qs * S * cpm / na;
    p->y[rb->ar] = qr * R * cpm / na;
    p->y[db->ar] = ar;
    point_eval(p);
}

/* docs/model.md §4 (mirna_mimic): a = 1 + Q/M0 per population (the viable
 * mean for transfer), X (1 - share (a - 1)/(ea50 + a - 1)). */
START_TEST(mimic_raises_activity_and_represses_its_targets)
{
    const double S = 400, R = 100, N = S + R, qs = 30, qr = 5;
    ExopkStudy *s;
    const ExopkTumour *t;
    const ExopkAgent *mi;
    Point p;
    double lam, ksr, rho, kr, us, ur, ubar;

    /* growth: each population by its own raise; M0 = 20 copies */
    s = fixture_rna_study(fixture_mimic(EXOPK_ACTS_ON_GROWTH));
    t = &s->tumour;
    mi = &s->agents[1];
    us = qs / mi->mirna_copies;                         /* a_S = 2.5 */
    ur = qr / mi->mirna_copies;                         /* a_R = 1.25 */
    mimic_point(&p, s, S, R, qs, qr, 0);
    lam = gompertz_lambda(t);
    ksr = t->transfer_rate * R / N + t->mutation_rate;
    ck_assert_double_lt(mimic_effect(mi, us), 0.7);     /* the test sees the effect */
    near(p.f[p.m.s], lam * mimic_effect(mi, us) * log(t->capacity / N) * S - ksr * S);
    near(p.f[p.m.r], (1 - t->fitness_cost) * lam * mimic_effect(mi, ur) *
                         log(t->capacity / N) * R + ksr * S);
    point_clear(&p);
    /* no mimic in the cells: activity 1, growth untouched */
    mimic_point(&p, s, S, R, 0, 0, 0);
    near(p.f[p.m.s], lam * log(t->capacity / N) * S - ksr * S);
    point_clear(&p);
    exopk_study_free(s);

    /* transfer: the viable mean raise (Q_S S + Q_R R)/(N M0) */
    s = fixture_rna_study(fixture_mimic(EXOPK_ACTS_ON_TRANSFER));
    t = &s->tumour;
    mi = &s->agents[1];
    ubar = (qs * S + qr * R) / (N * mi->mirna_copies);
    mimic_point(&p, s, S, R, qs, qr, 0);
    ksr = t->transfer_rate * mimic_effect(mi, ubar) * R / N + t->mutation_rate;
    near(p.f[p.m.s], gompertz_lambda(t) * log(t->capacity / N) * S - ksr * S);
    point_clear(&p);
    exopk_study_free(s);

    /* resistance: rho - 1 by the resistant cells' raise, seen in their kill */
    s = fixture_rna_study(fixture_mimic(EXOPK_ACTS_ON_RESISTANCE));
    t = &s->tumour;
    mi = &s->agents[1];
    mimic_point(&p, s, S, R, qs, qr, 0.5);
    rho = 1 + (t->rho - 1) * mimic_effect(mi, qr / mi->mirna_copies);
    kr = emax(&s->agents[0], t, 0.5, R, rho * s->agents[0].ec50);
    near(p.f[p.m.d1], kr * R);
    point_clear(&p);
    exopk_study_free(s);
}
END_TEST

Suite *
exopk_test_suite(void)
{
    Suite *s = suite_create("rhs");
    TCase *tc = tcase_create("rhs");

    tcase_add_test(tc, kill_and_transfer_follow_the_drug_in_cells);
    tcase_add_test(tc, sirna_scales_growth_transfer_and_resistance);
    tcase_add_test(tc, antimir_scales_resistance_and_transfer);
    tcase_add_test(tc, mimic_raises_activity_and_represses_its_targets);
    tcase_add_test(tc, sirna_changes_the_rho_of_the_drug_it_names);
    suite_add_tcase(s, tc);
    return s;
}
