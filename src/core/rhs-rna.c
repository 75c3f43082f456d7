/* SPDX-License-Identifier: GPL-3.0-or-later */
/* RNA cargo (docs/model.md §4): siRNA, anti-miR and miRNA mimic.  Free RNA is degraded
 * by nucleases and filtered; in tumour cells it is held as amounts per
 * population (so division dilutes it per cell): cytosolic RNA turns over,
 * siRNA loads RISC, cells that die take their RNA with them (degraded).
 * Target mRNA and protein (siRNA) or miRNA activity (anti-miR) are
 * per-cell levels relative to 1, and scale one tumour parameter; a
 * mimic's cytosolic copies raise its miRNA's activity, which lowers one. */
#include "rhs-private.h"

static void
free_pk(Eval *e, const AgentBlock *ab, const double *y)
{
    const ExopkAgent *ag = &e->m->study->agents[ab->agent];

    move_linear(e, ab->a1, ab->degr, ag->k_nuc, y);
    move_linear(e, ab->a1, ab->elim, ag->cl_renal / ag->v1, y);
}

static void
interstitium(Eval *e, Rhs *r, size_t k, const double *y)
{
    const AgentBlock *ab = &e->m->agents[k];
    const ExopkAgent *ag = &e->m->study->agents[ab->agent];

    (void) r;
    move_linear(e, ab->aint, ab->degr, ag->k_nuc, y);
}

/* ---- effects on the tumour ------------------------------------------------- */

/* x *= fac */
static void
dual_scale(Dual *x, double fac, const Grad *gfac)
{
    double old = x->v;

    for (int k = 0; k < x->g.n; k++)
        x->g.d[k] *= fac;
    g_axpy(&x->g, old, gfac);
    x->v = old * fac;
}

/* rho - 1 *= fac: the RNA target carries a share of the EC50 shift */
static void
dual_scale_excess(Dual *x, double fac, const Grad *gfac)
{
    double excess = x->v - 1.0;

    for (int k = 0; k < x->g.n; k++)
        x->g.d[k] *= fac;
    g_axpy(&x->g, excess, gfac);
    x->v = 1.0 + excess * fac;
}

/* The tumour parameter @on scaled by the factors of the cells concerned:
 * @fs, @fr of each population (resistant cells for rho), @fbar of the
 * viable mean (transfer), each with its gradient. */
static void
apply_effect(const Model *m, const ExopkAgent *ag, ExopkActsOn on, const Dual *fs,
             const Dual *fr, const Dual *fbar, Effects *fx)
{
    switch (on) {
    case EXOPK_ACTS_ON_PGP:
        dual_scale(&fx->pgp_s, fs->v, &fs->g);
        dual_scale(&fx->pgp_r, fr->v, &fr->g);
        break;
    case EXOPK_ACTS_ON_RESISTANCE:
        for (size_t j = 0; j < m->n_agents; j++)
            if (model_changes_rho(m, ag, j))
                dual_scale_excess(&fx->rho[j], fr->v, &fr->g);
        break;
    case EXOPK_ACTS_ON_TRANSFER:
        dual_scale(&fx->tau, fbar->v, &fbar->g);
        break;
    case EXOPK_ACTS_ON_GROWTH:
        dual_scale(&fx->lam_s, fs->v, &fs->g);
        dual_scale(&fx->lam_r, fr->v, &fr->g);
        break;
    default:
        break;
    }
}

/* X (1 - f (1 - level)) with the level of the cells concerned (resistant
 * cells for rho, each population for P-gp and growth, the viable mean for
 * transfer).  siRNA: share on its acts_on; anti-miR: share on rho, then
 * share_transfer on tau.  rho is each small molecule's (resistance_of). */
static void
level_effect(const Eval *e, size_t k, const double *y, double S, double R, Effects *fx)
{
    const Model *m = e->m;
    const double N = S + R;
    const AgentBlock *ab = &m->agents[k];
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    int si = ab->cls == EXOPK_CLASS_SIRNA;
    int ls = si ? ab->ps : ab->ms, lr = si ? ab->pr : ab->mr;
    double xs = y[ls], xr = y[lr], xbar = (xs * S + xr * R) / N;
    Dual fs, fr, fbar;

    dual_init(&fs, 1, e);
    dual_init(&fr, 1, e);
    dual_init(&fbar, 1, e);
    for (int pass = 0; pass < (si ? 1 : 2); pass++) {
        double f = pass == 0 ? ag->share : ag->share_transfer;
        ExopkActsOn on = si ? ag->acts_on
                            : (pass == 0 ? EXOPK_ACTS_ON_RESISTANCE : EXOPK_ACTS_ON_TRANSFER);

        fs.v = 1 - f + f * xs;
        fr.v = 1 - f + f * xr;
        fbar.v = 1 - f + f * xbar;
        g_clear(&fs.g);
        g_add(&fs.g, ls, f);
        g_clear(&fr.g);
        g_add(&fr.g, lr, f);
        g_clear(&fbar.g);
        g_add(&fbar.g, ls, f * S / N);
        g_add(&fbar.g, lr, f * R / N);
        g_add(&fbar.g, m->s, f * (xs - xbar) / N);
        g_add(&fbar.g, m->r, f * (xr - xbar) / N);
        apply_effect(m, ag, on, &fs, &fr, &fbar, fx);
    }
}

/* miRNA mimic: the factor 1 - share u/(ea50 + u) of cells whose miRNA
 * activity a = 1 + Q/M0 is raised by u = a - 1 (Q mimic copies per cell,
 * M0 the endogenous copies), for mimic amount @amt (nmol) in @x mm3 of
 * viable cells; @amt2 >= 0 adds a second amount (the viable mean). */
static void
mimic_factor(const Eval *e, const ExopkAgent *ag, int amt, int amt2, int pop, int pop2,
             const double *y, double x, Dual *f)
{
    const double cpm = e->m->study->tumour.cells_per_mm3;
    const double m0 = ag->mirna_copies, h = ag->ea50, sh = ag->share;
    const double amount = y[amt] + (amt2 >= 0 ? y[amt2] : 0.0);
    const double du_da = x > 0 ? EXOPK_MOLECULES_PER_NMOL / (x * cpm * m0) : 0.0;
    const double u = amount * du_da, df_du = -sh * h / ((h + u) * (h + u));

    f->v = 1 - sh * u / (h + u);
    g_clear(&f->g);
    g_add(&f->g, amt, df_du * du_da);
    g_add(&f->g, amt2, df_du * du_da);
    g_add(&f->g, pop, x > 0 ? -df_du * u / x : 0.0);
    g_add(&f->g, pop2, x > 0 ? -df_du * u / x : 0.0);
}

/* A miRNA mimic on its acts_on (docs/model.md §4, mirna_mimic). */
static void
mimic_effect(const Eval *e, size_t k, const double *y, double S, double R, Effects *fx)
{
    const Model *m = e->m;
    const AgentBlock *ab = &m->agents[k];
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    Dual fs, fr, fbar;

    dual_init(&fs, 1, e);
    dual_init(&fr, 1, e);
    dual_init(&fbar, 1, e);
    mimic_factor(e, ag, ab->as, -1, m->s, -1, y, S, &fs);
    mimic_factor(e, ag, ab->ar, -1, m->r, -1, y, R, &fr);
    mimic_factor(e, ag, ab->as, ab->ar, m->s, m->r, y, S + R, &fbar);
    apply_effect(m, ag, ag->acts_on, &fs, &fr, &fbar, fx);
}

static void
effect(const Eval *e, size_t k, const double *y, double S, double R, Effects *fx)
{
    if (e->m->agents[k].cls == EXOPK_CLASS_MIMIC)
        mimic_effect(e, k, y, S, R, fx);
    else
        level_effect(e, k, y, S, R, fx);
}

/* ---- in the cells ------------------------------------------------------------ */

/* Anti-miR enters cells without a carrier, slowly (gymnotic uptake);
 * cytosolic RNA turns over; siRNA loads RISC, and loaded RISC moves with
 * cells turning resistant. */
static void
uptake_and_turnover(Eval *e, const Rhs *r, const AgentBlock *ab, const double *y)
{
    const Model *m = e->m;
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    const double S = r->S, R = r->R, N = r->N, kSR = r->kSR;
    const int si = ab->cls == EXOPK_CLASS_SIRNA;
    Grad g;

    g_start(&g, e);
    if (ab->cls == EXOPK_CLASS_ANTIMIR && ag->k_gymnotic > 0 && N > 0) {
        double kg = ag->k_gymnotic, a = y[ab->aint];
        g_add(&g, ab->aint, kg * S / N);
        g_add(&g, m->s, kg * a * R / (N * N));
        g_add(&g, m->r, -kg * a * S / (N * N));
        move(e, ab->aint, ab->as, kg * a * S / N, &g);
        g_clear(&g);
        g_add(&g, ab->aint, kg * R / N);
        g_add(&g, m->s, -kg * a * R / (N * N));
        g_add(&g, m->r, kg * a * S / (N * N));
        move(e, ab->aint, ab->ar, kg * a * R / N, &g);
    }
    move_linear(e, ab->as, ab->degr, ag->k_cyto, y);
    move_linear(e, ab->ar, ab->degr, ag->k_cyto, y);
    if (si) {
        move_linear(e, ab->as, ab->rs, ag->k_risc, y);
        move_linear(e, ab->ar, ab->rr, ag->k_risc, y);
        move_linear(e, ab->rs, ab->degr, ag->k_risc_deg, y);
        move_linear(e, ab->rr, ab->degr, ag->k_risc_deg, y);
        g_clear(&g);
        g_add(&g, ab->rs, kSR);
        g_axpy(&g, y[ab->rs], &r->g_kSR);
        move(e, ab->rs, ab->rr, kSR * y[ab->rs], &g);
    }
}

/* The rate at which population @i (0 = S, 1 = R) loses cells: every small
 * molecule's kill, and net decline. */
static double
loss_rate(const Eval *e, const Rhs *r, int i, Grad *grate)
{
    const Model *m = e->m;
    const int pop = i == 0 ? m->s : m->r;
    const double growth = i == 0 ? r->gS : r->gR, dg = i == 0 ? r->dgS : r->dgR;
    double rate = growth < 0 ? -growth : 0.0;   /* net decline */

    g_clear(grate);
    /* unconditional (zero when growing): the structure holds both branches */
    g_add(grate, m->s, growth < 0 ? -dg : 0.0);
    g_add(grate, m->r, growth < 0 ? -dg : 0.0);
    g_axpy(grate, growth < 0 ? -1.0 : 0.0, i == 0 ? &r->g_gs : &r->g_gr);
    for (size_t j = 0; j < m->n_agents; j++) {
        const AgentBlock *aj = &m->agents[j];
        const CellPd *pd = i == 0 ? &r->pd_s[j] : &r->pd_r[j];
        if (aj->cls != EXOPK_CLASS_SMALL_MOLECULE)
            continue;
        rate += pd->kill;
        g_add(grate, i == 0 ? aj->as : aj->ar, pd->dkill_da);
        g_add(grate, pop, pd->dkill_dx);
        if (i == 1)
            g_axpy(grate, 1.0, &r->g_kr_rho[j]);
    }
    return rate;
}

/* The RNA levels of one population and the states they are read from. */
typedef struct {
    int pop, level, protein;
    int amts[2];         /* cytosolic RNA; siRNA: loaded RISC */
    double x, cells;     /* population (mm3) and its cell count */
} RnaCells;

/* siRNA: dm = k_m (1 - m) - k_m Imax Rk/(IC50 + Rk) m, Rk = RISC per
 * cell; the protein follows the mRNA. */
static void
knockdown(Eval *e, const ExopkAgent *ag, const RnaCells *c, const double *y)
{
    const int *amts = c->amts, level = c->level, protein = c->protein, pop = c->pop;
    const double cells = c->cells, x = c->x;
    double rk = cells > 0 ? y[amts[1]] * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
    double inh = ag->imax * rk / (ag->ic50_risc + rk);
    double dinh = ag->imax * ag->ic50_risc / ((ag->ic50_risc + rk) * (ag->ic50_risc + rk));
    double mv = y[level], km = ag->k_mrna, kp = ag->k_protein;
    Grad g;

    g_start(&g, e);
    g_add(&g, level, -km - km * inh);
    if (cells > 0) {
        g_add(&g, amts[1], -km * mv * dinh * EXOPK_MOLECULES_PER_NMOL / cells);
        g_add(&g, pop, km * mv * dinh * rk / x);
    }
    move(e, -1, level, km * (1 - mv) - km * inh * mv, &g);
    g_clear(&g);
    g_add(&g, level, kp);
    g_add(&g, protein, -kp);
    move(e, -1, protein, kp * (mv - y[protein]), &g);
}

/* anti-miR: da = k_mirna (1 - a) - k_bind Q a; each binding uses one
 * anti-miR per miRNA copy. */
static void
binding(Eval *e, const AgentBlock *ab, const ExopkAgent *ag, const RnaCells *c,
        const double *y)
{
    const int *amts = c->amts, level = c->level, pop = c->pop;
    const double cells = c->cells, x = c->x;
    double q = cells > 0 ? y[amts[0]] * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;
    double av = y[level], kb = ag->k_bind;
    Grad g;

    g_start(&g, e);
    g_add(&g, level, -ag->k_mirna - kb * q);
    if (cells > 0) {
        g_add(&g, amts[0], -kb * av * EXOPK_MOLECULES_PER_NMOL / cells);
        g_add(&g, pop, kb * av * q / x);
    }
    move(e, -1, level, ag->k_mirna * (1 - av) - kb * q * av, &g);
    g_clear(&g);
    g_add(&g, amts[0], kb * ag->mirna_copies * av);
    g_add(&g, level, kb * ag->mirna_copies * y[amts[0]]);
    move(e, amts[0], ab->degr, kb * ag->mirna_copies * av * y[amts[0]], &g);
}

static void
cells(Eval *e, const Rhs *r, size_t k, const double *y)
{
    const Model *m = e->m;
    const AgentBlock *ab = &m->agents[k];
    const ExopkAgent *ag = &m->study->agents[ab->agent];
    const double cpm = m->study->tumour.cells_per_mm3;
    const int si = ab->cls == EXOPK_CLASS_SIRNA;
    Grad g, grate;

    uptake_and_turnover(e, r, ab, y);
    g_start(&g, e);
    g_start(&grate, e);
    for (int i = 0; i < 2; i++) {
        const double x = i == 0 ? r->S : r->R;
        const RnaCells c = {
            i == 0 ? m->s : m->r, i == 0 ? ab->ms : ab->mr, i == 0 ? ab->ps : ab->pr,
            { i == 0 ? ab->as : ab->ar, i == 0 ? ab->rs : ab->rr }, x, x * cpm,
        };
        const int *amts = c.amts;
        double rate = loss_rate(e, r, i, &grate);

        /* cells that die take their RNA with them */
        for (int a = 0; a < (si ? 2 : 1); a++) {
            g_clear(&g);
            g_add(&g, amts[a], rate);
            g_axpy(&g, y[amts[a]], &grate);
            move(e, amts[a], ab->degr, rate * y[amts[a]], &g);
        }
        if (si)
            knockdown(e, ag, &c, y);
        else if (ab->cls == EXOPK_CLASS_ANTIMIR)
            binding(e, ab, ag, &c, y);
    }
}

const CargoModule rhs_rna = { free_pk, interstitium, effect, cells };
