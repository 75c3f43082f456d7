-- Gemcitabine (2',2'-difluorodeoxycytidine, dFdC), class "small_molecule".
-- docs/model.md §4, §9-§10; docs/model.md, 'Biology' (gemcitabine resistance in TNBC through exosomal
-- ANXA6, see sirna_anxa6.lua).
--
-- Reference PK model. The label (Pfizer prescribing information §12.3, read for this
-- file) says gemcitabine PK is linear and two-compartmental, volume of distribution
-- 50 L/m2 after infusions < 70 min (370 L/m2 for long infusions), and (via a
-- sex-and-drug database quoting the product information) clearance about 25 % lower
-- in women. The label's clearance table and the 42-94 min short-infusion half-life
-- were not in the stored copy. A complete, sourced two-compartment model is the
-- population PK of Jiang X et al. 2008 Br J Clin Pharmacol (94 patients, PMC2291243,
-- Table 3 and abstract read): CL 2.7 L/min, Vc 15 L, Q 0.7 L/min, Vp 15 L. It is used
-- here, as Kontny 2013 is for doxorubicin, with a tiny third compartment (the engine's
-- model has three; v3 must be > 0).
-- Derived half-lives of this model: 2.9 min and 19.6 min (Vss 30 L). Against the
-- label: its Vd (90 L for 1.8 m2) is 3x larger and its 42-94 min half-life longer;
-- other clinical reports give 10.7 min (Chinese NSCLC patients, CL 3.9 L/min) and
-- t1/2beta 2.3-15.8 min with CL 1.5-12.6 L/min, 1.5x higher in men (phase I, 40-5700
-- mg/m2). Gemcitabine PK varies a lot between studies; the cl range covers it.
-- For women (the breast-cancer case) the label's ~25 % lower clearance suggests
-- params = { ["gemcitabine.cl"] = ... } x 0.75 in human studies.
--
-- Mouse. Allometric scaling (volumes x BW/70, flows x (BW/70)^0.75) gives a 25 g
-- mouse CL 0.36 L/h (14 L/h/kg), Vc = Vp = 5.4 mL. Measured in mice (iv 76 nmol/g =
-- 20 mg/kg; Biochem Pharmacol 2020;180:114127, PMC7606647, Table 3 read): CL 2.8
-- mL/h/g (2.8 L/h/kg), Vss 1.4 mL/g, t1/2 42.5 min -- mice clear gemcitabine ~5x
-- slower than allometry predicts (cytidine deaminase differs between species). The
-- gemcitabine example study (examples/gemcitabine_sirna_anxa6.lua) therefore sets
-- the measured mouse values as overrides; do the same in your mouse studies.
--
-- P-gp. Gemcitabine is not a P-gp substrate. The engine derives the P-gp efflux
-- constant from resistant_accumulation r (src/core/study.c, resolve_agent):
--   v = (k_out - r (k_out + k_vexp)) / (r P_R - 1),   vmax_pgp = v km_pgp,
-- and refuses v < 0. With k_vexp = 0 and r = 1, v = 0 exactly (vmax_pgp = 0) for any
-- P_R > 1: resistant cells hold as much gemcitabine as sensitive cells, and their
-- resistance is rho alone. (With k_vexp > 0 you must also lower r to at most
-- k_out/(k_out + k_vexp), or the engine reports that r cannot be reached.)
-- km_pgp must be positive but is then unused.
-- Entry format: data/README.md.
return {
  name = "gemcitabine",
  description = "Gemcitabine (free base carried/measured; dosed as the hydrochloride)",
  class = "small_molecule",

  mw = { 263.2, "g/mol", grade = "S",
    source = "gemcitabine free base C9H11F2N3O4: 9 x 12.011 + 11 x 1.008 + 2 x 18.998 + 3 x 14.007 + 4 x 15.999 = 263.20 g/mol (formula from the label/PubChem, background knowledge; the arithmetic is checked here)" },

  mw_dosed = { 299.66, "g/mol", grade = "S",
    source = "gemcitabine hydrochloride, the form on labels (vials are labelled as gemcitabine HCl) and in mouse studies' mg/kg: 263.20 + HCl 36.46 = 299.66 g/mol (docs/model.md §9.11)" },

  reference_weight = { 70, "kg", grade = "W",
    source = "Jiang X et al. 2008, Br J Clin Pharmacol, PMC2291243: reports population means for its 94 adult cancer patients (not per m2); taken as a 70 kg adult, as the doxorubicin reference (Kontny, 1.8 m2). The study's median weight was not retrieved" },

  cl = { 162, "L/h", grade = "M", flag = "✔", range = { 60, 400 },
    source = "Jiang X et al. 2008 Br J Clin Pharmacol, population PK of gemcitabine and dFdU in 94 cancer patients (PMC2291243; abstract and Table 3 read): CL 2.7 L/min = 162 L/h, between-subject CV 31 %. Range: ~60 L/h (label: Vd 50 L/m2 with a 42-94 min half-life implies 40-90 L/h for 1.8 m2) to 400 L/h (phase I 1.5-12.6 L/min, J Chemother 2007;19:212, abstract; Chinese NSCLC 3.9 L/min, J Zhejiang Univ Sci B 2005;6:446, abstract). Women ~25 % lower (label via a sex-and-drug database)" },

  v1 = { 15, "L", grade = "M", flag = "✔", range = { 8, 90 },
    source = "Jiang 2008 (PMC2291243, Table 3): central volume Vc 15 L (CV 39 %). Upper range end: the label's volume of distribution after < 70 min infusions, 50 L/m2 (~90 L; Pfizer PI §12.3, read)" },

  q2 = { 42, "L/h", grade = "M", flag = "✔", range = { 20, 80 },
    source = "Jiang 2008 (PMC2291243, Table 3): intercompartmental clearance Q 0.7 L/min = 42 L/h (CV 44 %); range assumed" },

  v2 = { 15, "L", grade = "M", flag = "✔", range = { 8, 60 },
    source = "Jiang 2008 (PMC2291243, Table 3): peripheral volume Vp 15 L (CV 64 %); range assumed (label: volume rises with infusion length to 370 L/m2 for long infusions)" },

  q3 = { 0.015, "L/h", grade = "assumed", range = { 0.001, 0.1 },
    source = "assumed, a placeholder: the sourced model has two compartments (Jiang X et al. 2008, Br J Clin Pharmacol, PMC2291243; the label also says 2-compartment), the engine three. A third compartment of 1 % of Vc exchanging slowly (k13 = 0.001 /h) changes no half-life or AUC by more than ~1 %" },

  v3 = { 0.15, "L", grade = "assumed", range = { 0.05, 1 },
    source = "assumed, a placeholder: 1 % of Vc, so that the three-compartment model is valid (v3 > 0) and reproduces the sourced two-compartment model (see q3)" },

  kp_heart = { 1, "1", grade = "assumed", range = { 0.5, 2 },
    source = "assumed: gemcitabine is not cardiotoxic and has no known cardiac accumulation; a hydrophilic nucleoside equilibrates with tissue water (Vss ~ 0.4-1.4 L/kg), so heart tissue:plasma ~1. Only needed for the heart AUC metric" },

  k_leak_lumen = { 0.02, "1/h", grade = "assumed", range = { 0.002, 0.1 },
    source = "assumed: gemcitabine is hydrophilic (logP about -1.4, background knowledge) and crosses membranes through nucleoside transporters rather than by diffusion, so it leaks from a vesicle lumen slower than DOX (0.06 /h, Harashima H et al. 1999, J Control Release 61:93-106, doi 10.1016/S0168-3659(99)00110-8); EV membranes may carry transporters, hence the wide range. Exosomal gemcitabine loaded by sonication: 11.7 % EE (Li 2020)" },

  k_leak_membrane = { 1, "1/h", grade = "assumed", range = { 0.2, 5 },
    source = "assumed: a hydrophilic drug does not partition into bilayers, so its membrane pool is drug adsorbed to the surface, lost within about an hour; faster than DOX (0.6 /h)" },

  f_rd = { 0.9, "1", grade = "assumed", range = { 0.7, 1 },
    source = "assumed as doxorubicin (docs/model.md §3: about 1 for a small molecule); cytidine deaminase in macrophages and liver inactivates some (to dFdU)" },

  f_esc = { 0.8, "1", grade = "assumed", range = { 0.3, 1 },
    source = "assumed as doxorubicin (docs/model.md §9.6: about 0.8 for a small molecule); lower end of the range because a hydrophilic nucleoside needs transporters to leave endosomes" },

  ps_free = { 5, "1/h", grade = "assumed", range = { 1, 30 },
    source = "assumed as doxorubicin: free-drug tumour exchange (L/h per L tumour) limited by tumour blood flow for a 263 Da molecule" },

  k_in = { 2, "1/h", grade = "assumed", range = { 0.5, 10 },
    source = "assumed: uptake by equilibrative nucleoside transporter hENT1 (and CNTs) reaches equilibrium within about an hour in culture (background knowledge); referred to cell volume (docs/model.md §9.2)" },

  k_out = { 0.2, "1/h", grade = "assumed", range = { 0.05, 1 },
    source = "assumed: intracellular gemcitabine is phosphorylated by deoxycytidine kinase and trapped as dFdCDP/dFdCTP, which leave cells slowly; with k_in 2 /h the cells hold ~10x the interstitial concentration (like DOX). In patients' tumour cells dFdCTP accumulates far above plasma (phase I, J Chemother 2007;19:212, abstract: ~1,590 pmol per 1e6 cancer cells in vitro), so higher ratios are plausible" },

  k_vexp = { 0, "1/h", grade = "assumed", range = { 0, 0.05 },
    source = "assumed 0: vesicular export is documented for DOX (Shedden 2003), not for gemcitabine, whose active forms are charged phosphates. Kept at 0 so that resistant_accumulation = 1 gives vmax_pgp = 0 exactly (header); with k_vexp > 0 lower resistant_accumulation to <= k_out/(k_out + k_vexp)" },

  km_pgp = { 1500, "nmol/L", grade = "assumed", range = { 1000, 3000 },
    source = "placeholder: must be positive, unused because vmax_pgp = 0 for gemcitabine (not a P-gp substrate); the doxorubicin value is repeated" },

  resistant_accumulation = { 1, "1", grade = "assumed", range = { 0.9, 1 },
    source = "gemcitabine is not a P-gp substrate: resistant (P-gp-high) cells hold as much as sensitive ones at low concentration, r = 1; with k_vexp = 0 the engine's v = (k_out - r k_out)/(r P_R - 1) is exactly 0 (header). Below 1 (range) stands for lower nucleoside-transporter uptake in gemcitabine-resistant cells, which the engine can only express through its efflux term" },

  hill = { 1, "1", grade = "assumed", range = { 0.5, 3 },
    source = "assumed as doxorubicin: Hill coefficient 1 (docs/model.md §9.1); no published value" },

  kmax = { 0.01, "1/h", grade = "assumed", range = { 0.003, 0.05 },
    source = "assumed: gemcitabine kills cells in S phase only, so the population's maximal kill rate is the DOX-like 0.05 /h (Simeoni k2 order) times the share of cells in S phase at a time (~0.2 in a tumour doubling in a week; background knowledge) = 0.01 /h. Check run (this library's examples/gemcitabine_sirna_anxa6.lua, mouse PK overrides, 50 mg/kg ip twice weekly x 8 in mda_mb_231): kmax 0.05 eradicates the tumour (TGI 119 %), 0.01 holds it static (TGI 97 %), 0.005 gives TGI 69 % -- calibrate to a gemcitabine xenograft dataset before quantitative use" },

  k_a_ip = { 2, "1/h", grade = "assumed", range = { 0.5, 5 },
    source = "assumed (docs/model.md §2: ip absorption constants are assumed until sourced): a small hydrophilic molecule is absorbed from the peritoneum within about half an hour (t1/2 ~21 min); mouse gemcitabine studies usually dose ip" },
}
