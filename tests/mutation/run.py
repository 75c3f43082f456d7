#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Mutation testing of the exopk core and study loader (run by hand, not in CI).

Each mutant is one small, meaningful change to src/core or src/lua (a flux
sign, a rate scaled by 1.1, a dropped unit factor, a mis-routed dose...).
The script copies the working tree to a scratch directory, builds it once,
then for every mutant: patches one file, rebuilds the changed objects, runs
the unit, lua, cli and validation suites (stopping at the first failure)
and restores the file.  A mutant is *killed* when a test fails or times
out, *survived* when every test passes, *stale* when its snippet no longer
occurs exactly once (the code moved: fix the table), and *invalid* when it
does not compile.  Score = killed / (killed + survived), equivalent
mutants (listed in EQUIVALENT with the reason) excluded.

    tests/mutation/run.py                 # all mutants, log on stdout
    tests/mutation/run.py --only 3,17     # a few
    nohup tests/mutation/run.py > mut.log 2>&1 &

Takes about 10-40 s per mutant on two cores.

Measured (101 mutants): 82.2 % killed before the oracles, CVODE check and
1e-8 golden (tests as of 6cb0852), 97.0 % after them (tree of 0849c22),
100.0 % (101/101, no survivors, none stale) after the compiled model and the
right-hand side and output modules (tree of 71dc05e, 2026-12-06).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

C, L = "src/core/", "src/lua/"
M = C + "model.c"
V = C + "rhs-vesicle.c"
CG = C + "rhs-cargo.c"
A = C + "rhs-agent.c"
RNA = C + "rhs-rna.c"
T = C + "rhs-tumour.c"

# (file, exact original snippet, replacement, what it breaks)
MUTANTS = [
    # ---- carrier PK: particles (docs/model.md §2) ----
    (V, "move_linear(e, x[VC_P], x[VC_T], cb->k_pt, y);",
        "move_linear(e, x[VC_P], x[VC_T], 1.1 * cb->k_pt, y);", "particles: k_pt x1.1"),
    (V, "move_linear(e, x[VC_T], x[VC_P], cb->k_tp, y);",
        "move_linear(e, x[VC_P], x[VC_T], cb->k_tp, y);", "particles: T->P flux reversed"),
    (V, "move(e, x[VC_P], x[VC_M], r_mps * xp, &g);",
        "move(e, x[VC_P], x[VC_M], 1.1 * r_mps * xp, &g);", "particles: MPS uptake x1.1"),
    (V, "move_linear(e, x[VC_T], cb->p_degr, cb->k_deg_t, y);",
        "move_linear(e, x[VC_T], cb->p_degr, 1.1 * cb->k_deg_t, y);", "particles: k_degT x1.1"),
    (V, "move_linear(e, x[VC_M], cb->p_degr, cb->k_deg_m, y);",
        "move_linear(e, x[VC_M], cb->p_degr, 1.1 * cb->k_deg_m, y);", "particles: k_degM x1.1"),
    (V, "move(e, x[VC_P], x[VC_I], r_epr * xp, &g);",
        "move(e, x[VC_P], x[VC_I], 1.1 * r_epr * xp, &g);", "particles: EPR x1.1"),
    (V, "move_linear(e, x[VC_I], x[VC_P], cb->k_ip, y);",
        "move_linear(e, x[VC_I], x[VC_P], 1.1 * cb->k_ip, y);", "particles: tumour washout x1.1"),
    (V, "move_linear(e, x[VC_I], x[VC_E], cb->k_int, y);",
        "move_linear(e, x[VC_I], x[VC_E], 1.1 * cb->k_int, y);", "particles: k_int x1.1"),
    (V, "move_linear(e, x[VC_E], cb->p_degr, cb->k_proc, y);",
        "move_linear(e, x[VC_E], cb->p_degr, 1.1 * cb->k_proc, y);", "particles: k_proc x1.1"),
    (V, "move_linear(e, x[VC_PC], x[VC_P], cb->k_a_ip, y);",
        "move_linear(e, x[VC_PC], x[VC_P], 1.1 * cb->k_a_ip, y);", "particles: ip absorption x1.1"),
    (V, "double r_epr = m->has_tumour ? cb->ps_tum * vt * L_PER_MM3 / vp : 0.0;",
        "double r_epr = m->has_tumour ? cb->ps_tum * vt * 1e-3 / vp : 0.0;",
        "EPR: mm3 -> L factor wrong"),
    (V, "dydt[x[VC_P]] += cb->infusion;", "dydt[x[VC_P]] += 1.1 * cb->infusion;",
        "particle infusion rate x1.1"),
    # ---- carried cargo (§3) ----
    (V, "move_linear(e, L[VC_P], L[VC_T], cb->k_pt, y);",
        "move_linear(e, L[VC_P], L[VC_T], 1.1 * cb->k_pt, y);", "cargo: k_pt x1.1 (not with vesicles)"),
    (V, "move(e, L[VC_P], L[VC_M], r_mps * lp, &g);",
        "move(e, L[VC_P], L[VC_M], 1.1 * r_mps * lp, &g);", "cargo: MPS uptake x1.1"),
    (V, "move_linear(e, L[VC_T], ab->a1, ag->f_rd * cb->k_deg_t, y);",
        "move_linear(e, L[VC_T], ab->elim, ag->f_rd * cb->k_deg_t, y);",
        "cargo: tissue degradation release eliminated instead"),
    (V, "move_linear(e, L[VC_M], ab->elim, (1 - ag->f_rd) * cb->k_deg_m, y);",
        "move_linear(e, L[VC_M], ab->a1, (1 - ag->f_rd) * cb->k_deg_m, y);",
        "cargo: MPS degradation releases everything"),
    (V, "move_linear(e, L[VC_P], ab->a1, kl, y);",
        "move_linear(e, L[VC_P], ab->a1, 1.1 * kl, y);", "cargo: plasma leak x1.1"),
    (V, "move_linear(e, L[VC_T], ab->a1, kl, y);",
        "move_linear(e, L[VC_T], ab->elim, kl, y);", "cargo: tissue leak eliminated"),
    (V, "move_linear(e, L[VC_PC], L[VC_P], cb->k_a_ip, y);",
        "move_linear(e, L[VC_PC], ab->a1, cb->k_a_ip, y);", "cargo: ip carried cargo absorbed free"),
    (V, "move_linear(e, L[VC_PC], ab->a1, kl, y);",
        "move_linear(e, L[VC_PC], ab->a1, 1.1 * kl, y);", "cargo: depot leak x1.1"),
    (V, "move(e, L[VC_P], L[VC_I], r_epr * lp, &g);",
        "move(e, L[VC_P], L[VC_I], 1.1 * r_epr * lp, &g);", "cargo: EPR x1.1"),
    (V, "move_linear(e, L[VC_I], ab->aint, kl, y);",
        "move_linear(e, L[VC_I], ab->a1, kl, y);", "cargo: tumour leak into plasma"),
    (V, "esc[cb->cargo_agent[c]] += ag->f_esc * cb->k_proc * y[L[VC_E]];",
        "esc[cb->cargo_agent[c]] += 1.1 * ag->f_esc * cb->k_proc * y[L[VC_E]];",
        "cargo: endosomal escape x1.1"),
    (V, "dydt[L[VC_P]] += cb->infusion * cb->q[c][p];",
        "dydt[L[VC_P]] += cb->infusion * cb->q[c][POOL_LUMEN];", "cargo infusion: lumen load in both pools"),
    # ---- free drug (§4, §10) ----
    (CG, "dydt[ab->a1] += ab->infusion;", "dydt[ab->a1] += 1.1 * ab->infusion;",
        "free infusion rate x1.1"),
    (A, "move_linear(e, ab->a1, ab->elim, ag->cl / ag->v1, y);",
        "move_linear(e, ab->a1, ab->elim, 1.1 * ag->cl / ag->v1, y);", "free: CL x1.1"),
    (A, "move_linear(e, ab->a2, ab->a1, ag->q2 / ag->v2, y);",
        "move_linear(e, ab->a2, ab->a1, ag->q2 / ag->v1, y);", "free: Q2 return over V1"),
    (A, "move_linear(e, ab->a1, ab->a3, ag->q3 / ag->v1, y);",
        "move_linear(e, ab->a1, ab->a2, ag->q3 / ag->v1, y);", "free: Q3 flux into A2"),
    (A, "move_linear(e, ab->ah, ab->a1, s->subject.q_heart / kp_v, y);",
        "move_linear(e, ab->ah, ab->a1, s->subject.q_heart / s->subject.v_heart, y);",
        "heart: partition coefficient dropped"),
    (RNA, "move_linear(e, ab->a1, ab->degr, ag->k_nuc, y);",
        "move_linear(e, ab->a1, ab->degr, 1.1 * ag->k_nuc, y);", "RNA: nuclease rate x1.1"),
    (RNA, "move_linear(e, ab->a1, ab->elim, ag->cl_renal / ag->v1, y);",
        "move_linear(e, ab->a1, ab->elim, 1.1 * ag->cl_renal / ag->v1, y);", "RNA: renal CL x1.1"),
    (CG, "move_linear(e, ab->aip, ab->a1, ag->k_a_ip, y);",
        "move_linear(e, ab->aip, ab->a1, 1.1 * ag->k_a_ip, y);", "free: ip absorption x1.1"),
    (CG, "move(e, -1, ab->auch, y[ab->ah] / s->subject.v_heart, &g);",
        "move(e, -1, ab->auch, y[ab->ah] / ag->v1, &g);", "heart AUC over V1"),
    (CG, "double ps = ag->ps_free * L_PER_MM3;", "double ps = ag->ps_free * 1e-3;",
        "tumour exchange: mm3 -> L factor wrong"),
    # ---- tumour (§5) ----
    (A, "p.kill = kmax * ch / den;", "p.kill = 1.1 * kmax * ch / den;", "kill x1.1"),
    (A, "r->pd_r[k] = rhs_cell_pd(m, y[ab->ar], R, rho->v * ag->ec50, ag->kmax, ag->hill);",
        "r->pd_r[k] = rhs_cell_pd(m, y[ab->ar], R, ag->ec50, ag->kmax, ag->hill);",
        "resistant EC50 without rho"),
    (T, "r->gS = lam_s->v * log(t->capacity / N);",
        "r->gS = 1.1 * lam_s->v * log(t->capacity / N);",
        "Gompertz rate x1.1"),
    (T, "r->gR = r->gS > 0 ? (1 - t->fitness_cost) * r->gS : r->gS;",
        "r->gR = r->gS > 0 ? (1 + t->fitness_cost) * r->gS : r->gS;", "fitness cost sign flipped"),
    (M, "m->lambda = t->growth_rate / log(t->capacity / 100.0);",
        "m->lambda = t->growth_rate / log(t->capacity / 50.0);", "growth reference volume wrong"),
    (T, "r->kSR = tau->v * fr * (1 + t->stress_gain * stress) + t->mutation_rate;",
        "r->kSR = tau->v * (1 + t->stress_gain * stress) + t->mutation_rate;",
        "transfer without R/(S+R)"),
    (T, "move_linear(e, m->d2, m->d3, t->k_tr, y);",
        "move_linear(e, m->d2, m->d3, 1.1 * t->k_tr, y);", "damage transit x1.1"),
    (T, "move_linear(e, m->d3, -1, t->k_tr, y);",
        "move_linear(e, m->d3, -1, 0.9 * t->k_tr, y);", "damaged-cell clearance x0.9"),
    (A, "move(e, ab->aint, amt, ag->k_in * cint * cvf * x, &g);",
        "move(e, ab->aint, amt, 1.1 * ag->k_in * cint * cvf * x, &g);", "cell influx x1.1"),
    (A, "move(e, amt, ab->aint, cell->kout * a + vmax * a / den, &g);",
        "move(e, amt, ab->aint, cell->kout * a + 1.1 * vmax * a / den, &g);", "P-gp efflux x1.1"),
    (A, "{ m->r, ab->ar, R, ag->k_out + ag->k_vexp, &fx->pgp_r,",
        "{ m->r, ab->ar, R, ag->k_out, &fx->pgp_r,", "resistant cells: no vesicular export"),
    (CG, "move(e, -1, ab->as, esc[k] * fs, &g);", "move(e, -1, ab->as, esc[k] * (1 - fs), &g);",
        "escaped cargo split S/R swapped"),
    (CG, "move(e, ab->as, ab->ar, kSR * y[ab->as], &g);",
        "move(e, ab->as, ab->ar, 1.1 * kSR * y[ab->as], &g);", "cargo moving S->R x1.1"),
    (M, "m->cell_volume_factor = (1.0 - t->f_int) * L_PER_MM3;",
        "m->cell_volume_factor = t->f_int * L_PER_MM3;", "cell volume uses f_int"),
    # ---- RNA in cells (§4) ----
    (RNA, "move_linear(e, ab->as, ab->rs, ag->k_risc, y);",
        "move_linear(e, ab->as, ab->rs, 1.1 * ag->k_risc, y);", "siRNA: RISC loading x1.1"),
    (RNA, "move_linear(e, ab->rs, ab->degr, ag->k_risc_deg, y);",
        "move_linear(e, ab->rs, ab->degr, 1.1 * ag->k_risc_deg, y);", "siRNA: RISC loss x1.1"),
    (RNA, "move(e, -1, level, km * (1 - mv) - km * inh * mv, &g);",
        "move(e, -1, level, km * (1 - mv) - 1.1 * km * inh * mv, &g);", "siRNA: mRNA knockdown x1.1"),
    (RNA, "move(e, -1, protein, kp * (mv - y[protein]), &g);",
        "move(e, -1, protein, 1.1 * kp * (mv - y[protein]), &g);", "siRNA: protein turnover x1.1"),
    (RNA, "double rk = cells > 0 ? y[amts[1]] * EXOPK_MOLECULES_PER_NMOL / cells : 0.0;",
        "double rk = cells > 0 ? y[amts[1]] * 6.02214076e11 / cells : 0.0;",
        "siRNA: nmol -> molecules factor wrong"),
    (RNA, "move(e, -1, level, ag->k_mirna * (1 - av) - kb * q * av, &g);",
        "move(e, -1, level, ag->k_mirna * (1 - av) + kb * q * av, &g);",
        "anti-miR: binding raises miRNA activity"),
    (RNA, "move(e, amts[0], ab->degr, kb * ag->mirna_copies * av * y[amts[0]], &g);",
        "move(e, amts[0], ab->degr, 1.1 * kb * ag->mirna_copies * av * y[amts[0]], &g);",
        "anti-miR: consumption x1.1"),
    (RNA, "move(e, ab->aint, ab->as, kg * a * S / N, &g);",
        "move(e, ab->as, ab->aint, kg * a * S / N, &g);", "anti-miR: gymnotic uptake reversed"),
    (RNA, "move_linear(e, ab->as, ab->degr, ag->k_cyto, y);",
        "move_linear(e, ab->as, ab->degr, 1.1 * ag->k_cyto, y);", "RNA: cytosolic turnover x1.1"),
    (RNA, "fr.v = 1 - f + f * xr;", "fr.v = 1 - f + f * xs;",
        "RNA effect: resistant cells use the sensitive level"),
    (RNA, "f->v = 1 - sh * u / (h + u);", "f->v = 1 - sh * u / (h + 1.1 * u);",
        "mimic: repression saturates too early"),
    (RNA, "mimic_factor(e, ag, ab->ar, -1, m->r, -1, y, R, &fr);",
        "mimic_factor(e, ag, ab->ar, -1, m->r, -1, y, S, &fr);",
        "mimic: resistant copies spread over the sensitive cells"),
    (M, "(1 + t->stress_gain * stress);\n}", "(1 + 1.1 * t->stress_gain * stress);\n}",
        "biomarker: stress gain x1.1"),
    (M, "(S + t->biomarker_resistant_multiplier * R)", "(S + R)",
        "biomarker: resistant multiplier dropped"),
    # ---- model set-up ----
    (M, "cb->k_leak[c][p] = leak * f->method.leak_multiplier;", "cb->k_leak[c][p] = leak;",
        "method leak multiplier dropped"),
    (M, "double mps = f->method.mps_multiplier * (f->cd47", "double mps = (f->cd47",
        "method MPS multiplier dropped"),
    (M, "cb->q[c][p] = q / EXOPK_MOLECULES_PER_NMOL;", "cb->q[c][p] = q / 6.02214076e11;",
        "cargo per vesicle: molecules -> nmol factor wrong"),
    (M, "cb->km_vp = c->km_mps * s->subject.plasma_volume;", "cb->km_vp = c->km_mps;",
        "MPS Km without plasma volume"),
    (M, "cb->k_int = c->k_int * (1.0 + c->g_tgt) * uptake;", "cb->k_int = c->k_int * uptake;",
        "ligand does not raise uptake"),
    # ---- dosing (sim.c) ----
    (C + "sim.c", "d->route == EXOPK_ROUTE_IP ? ab->aip", "d->route == EXOPK_ROUTE_IP ? ab->a1",
        "ip free dose mis-routed into plasma"),
    (C + "sim.c", "int comp = d->route == EXOPK_ROUTE_IT ? VC_I :",
        "int comp = d->route == EXOPK_ROUTE_IT ? VC_P :", "it vesicle dose into plasma"),
    (C + "sim.c", "give(r->m, y, dose, amounts[k] / dose->duration, -1);",
        "give(r->m, y, dose, 0.9 * amounts[k] / dose->duration, -1);", "infusion does not fully stop"),
    (C + "sim.c", "return amount * fmin(1.0, (t - d->time) / d->duration);", "return amount;",
        "infusion counted as given at its start"),
    (C + "sim.c", "r->biomarker = model_biomarker_secretion(m, y) / study->tumour.biomarker_k_clear;",
        "r->biomarker = 0.9 * model_biomarker_secretion(m, y) / study->tumour.biomarker_k_clear;",
        "biomarker does not start at steady state"),
    # ---- study resolution, scaling, loading ----
    (C + "study.c", "double flow = pow(r, 0.75);", "double flow = pow(r, 0.67);",
        "agent: wrong allometric exponent"),
    (C + "study.c", "    a.v2 *= r;", "    a.v2 *= flow;", "agent: V2 scaled like a flow"),
    (C + "study.c", "double g = pow(s->subject.weight / c.reference_weight, -0.25);",
        "double g = pow(s->subject.weight / c.reference_weight, -0.33);",
        "carrier: wrong allometric exponent"),
    (C + "study.c", "pow(w / sp.cardiac_output_weight, 0.75);",
        "pow(w / sp.cardiac_output_weight, 0.67);", "cardiac output: wrong exponent"),
    (C + "study.c", "sub->q_heart = sp.heart_flow_fraction * sub->cardiac_output;",
        "sub->q_heart = 1.1 * sp.heart_flow_fraction * sub->cardiac_output;", "heart flow x1.1"),
    (C + "study.c", "a.ec50 = ic50 * a.k_in / (a.k_out + a.vmax_pgp / a.km_pgp);",
        "a.ec50 = ic50 * a.k_in / a.k_out;", "EC50 ignores P-gp in the accumulation ratio"),
    (C + "study.c", "double v = (a.k_out - ra * (a.k_out + a.k_vexp)) / (ra * pr - 1.0);",
        "double v = (a.k_out - ra * a.k_out) / (ra * pr - 1.0);", "P-gp calibration ignores k_vexp"),
    (C + "study.c", "c.vmax_mps = c.k_mps * c.km_mps * s->subject.plasma_volume;",
        "c.vmax_mps = c.k_mps * c.km_mps;", "Vmax_MPS without plasma volume"),
    (C + "study.c", "case STUDY_SET_COUNT: line->count = (long) nearbyint(value); break;", "case STUDY_SET_COUNT: line->count = (long) nearbyint(value) - 1; break;",
        "set count: off by one"),
    (C + "loading.c", "double lumen_r = radius - f->carrier.bilayer;", "double lumen_r = radius;",
        "lumen radius without the bilayer"),
    (C + "loading.c", "r->cap_membrane = f->method.membrane_sites * area;",
        "r->cap_membrane = 0.5 * f->method.membrane_sites * area;", "membrane capacity halved"),
    (C + "loading.c", "cap * (1.0 - exp(-cg->ee0 * cg->offered / cap))",
        "cg->ee0 * cg->offered", "loading does not saturate"),
    (C + "loading.c", "cargo_g = r->associated / EXOPK_AVOGADRO * ag->mw;",
        "cargo_g = r->associated / EXOPK_AVOGADRO * ag->mw_dosed;", "DLC with the salt's MW"),
    (C + "loading.c", "per = (rep[dose->cargo].q_lumen + rep[dose->cargo].q_membrane)",
        "per = (rep[dose->cargo].q_lumen)", "cargo dose ignores the membrane pool"),
    # ---- units ----
    (C + "units.c", 'MASS("mg", 1e-3)', 'MASS("mg", 1e-6)', "units: mg factor wrong"),
    (C + "units.c", 'TIME("d", 86400)', 'TIME("d", 3600)', "units: day = 1 h"),
    (C + "units.c", 'TIME("min", 60)', 'TIME("min", 6)', "units: min factor wrong"),
    (C + "units.c", 'VOLUME("mL", 1e-6)', 'VOLUME("mL", 1e-3)', "units: mL = L"),
    (C + "units.c", 'MOLAR("uM", 1e-3)', 'MOLAR("uM", 1e-6)', "units: uM = nM"),
    (C + "units.c", "v = v / km_factor * body_weight;", "v = v * km_factor * body_weight;",
        "units: mg/m2 multiplied by km"),
    (C + "units.c", "v = (is_mass ? v / mw_dosed : v) * 1e9;",
        "v = (is_mass ? v / mw_dosed : v) * 1e6;", "units: mol -> nmol factor wrong"),
    # ---- outputs and metrics ----
    (C + "out-agent.c", "worst = fmax(worst, fabs(given[i] - acc) / given[i]);", "worst = 0;",
        "cargo mass balance always 0"),
    (C + "out-vesicle.c",
        "worst = fmax(worst, fabs(rec->particles_given[i] - acc) / rec->particles_given[i]);",
        "worst = 0;", "particle mass balance always 0"),
    (C + "out-vesicle.c", "? 100.0 * abs_col[i] / rec->particles_given[i] : 0.0;",
        "? 10.0 * abs_col[i] / rec->particles_given[i] : 0.0;", "%ID off by 10"),
    (C + "out-agent.c", "col[i] = rec_y(rec, i, ab->a1) / ag->v1;",
        "col[i] = rec_y(rec, i, ab->a1) / rec->m->study->subject.plasma_volume;", "plasma concentration over Vp"),
    (C + "out-biomarker.c", "col[i] = rec->biomarker[i] / (rec->m->study->subject.plasma_volume * ML_PER_L);",
        "col[i] = rec->biomarker[i] / (rec->m->study->subject.plasma_volume * 1e6);", "biomarker: L -> mL wrong"),
    (C + "metrics.c", "100.0 * (1.0 - (v_end - c0) / (c_end - c0))", "100.0 * (1.0 - v_end / c_end)",
        "TGI without the initial volume"),
    # ---- study loader (Lua) ----
    (L + "study-load.c", "line->dose.route = EXOPK_ROUTE_IP;", "line->dose.route = EXOPK_ROUTE_IV;",
        "loader: ip read as iv"),
    (L + "study-load.c", "        line->count = 1;", "        line->count = 2;",
        "loader: a single dose given twice"),
    (L + "study-load.c", "line->count = (long) c;", "line->count = (long) c - 1;",
        "loader: count off by one"),
    (L + "study-load.c", "mw = s->agent_ref[line->dose.agent].mw_dosed;",
        "mw = s->agent_ref[line->dose.agent].mw;", "loader: free mass dose with the base's MW"),
]

# Survivors judged equivalent (index: reason); excluded from the score.
EQUIVALENT = {
}


def sh(cmd, cwd, timeout):
    try:
        p = subprocess.run(cmd, cwd=cwd, timeout=timeout, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        return "timeout", out


def copy_tree(repo, dest):
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=repo,
                           check=True, stdout=subprocess.PIPE).stdout.split(b"\0")
    for f in files:
        if not f:
            continue
        src = os.path.join(repo, f.decode())
        if not os.path.isfile(src):
            continue
        dst = os.path.join(dest, f.decode())
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(src, dst)


def failing_tests(out):
    """Names of the failing tests in meson's " 3/10 exopk:unit / model  FAIL" lines."""
    names = set()
    for line in out.splitlines():
        w = line.split()
        for status in ("FAIL", "TIMEOUT"):
            if status in w and w.index(status) > 0 and "/" in w[0]:
                names.add(w[w.index(status) - 1])
    return sorted(names)


TESTS = ["meson", "test", "-C", "build", "--no-rebuild", "--maxfail", "1", "--num-processes", "2",
         "--suite", "unit", "--suite", "lua", "--suite", "cli", "--suite", "validation"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repo", default=os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))))
    ap.add_argument("--only", help="comma-separated mutant numbers")
    ap.add_argument("--timeout", type=int, default=420, help="seconds of tests per mutant")
    ap.add_argument("--keep", action="store_true", help="keep the scratch copy")
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    a = ap.parse_args()
    if a.list:
        for i, (f, _, _, d) in enumerate(MUTANTS, 1):
            print(f"{i:3d} {f}: {d}")
        return 0
    only = {int(x) for x in a.only.split(",")} if a.only else None
    scratch = tempfile.mkdtemp(prefix="exopk-mutants-")
    print(f"scratch copy: {scratch}", flush=True)
    copy_tree(a.repo, scratch)
    rc, out = sh(["meson", "setup", "build", "--buildtype=release", "-Dgui=disabled"], scratch, 600)
    if rc == 0:
        rc, out = sh(["ninja", "-C", "build", "-j2"], scratch, 1800)
    if rc == 0:
        rc, out = sh(TESTS, scratch, 900)
    if rc != 0:
        print(out[-4000:])
        print("the unmutated tree does not build or pass its tests: stopping")
        return 2
    counts = {"killed": 0, "survived": 0, "stale": 0, "invalid": 0, "equivalent": 0}
    survivors = []
    for i, (rel, orig, repl, desc) in enumerate(MUTANTS, 1):
        if only and i not in only:
            continue
        path = os.path.join(scratch, rel)
        with open(path) as fp:
            text = fp.read()
        if text.count(orig) != 1:
            counts["stale"] += 1
            print(f"{i:3d} STALE      {rel}: {desc} (snippet found {text.count(orig)} times)",
                  flush=True)
            continue
        start = time.time()
        with open(path, "w") as fp:
            fp.write(text.replace(orig, repl))
        rc, out = sh(["ninja", "-C", "build", "-j2"], scratch, 900)
        if rc != 0:
            status, why = "invalid", "does not build"
        else:
            rc, out = sh(TESTS, scratch, a.timeout)
            if rc == 0:
                status = "equivalent" if i in EQUIVALENT else "survived"
                why = EQUIVALENT.get(i, "")
            else:
                status = "killed"
                why = "timeout" if rc == "timeout" else ", ".join(failing_tests(out)) or f"rc {rc}"
        with open(path, "w") as fp:
            fp.write(text)
        counts[status] += 1
        if status == "survived":
            survivors.append(i)
        print(f"{i:3d} {status.upper():10s} {rel}: {desc} [{why}] {time.time() - start:.0f} s",
              flush=True)
    # leave the copy unmutated and built
    sh(["ninja", "-C", "build", "-j2"], scratch, 900)
    scored = counts["killed"] + counts["survived"]
    print("\n" + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if scored:
        print(f"score: {counts['killed']}/{scored} = {100.0 * counts['killed'] / scored:.1f} % killed")
    if survivors:
        print("survivors: " + ",".join(map(str, survivors)))
    if not a.keep:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
