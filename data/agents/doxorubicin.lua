-- Doxorubicin (small_molecule class). docs/model.md §4, §9-§10.
--
-- The reference PK model is the human three-compartment model (Kontny 2013), per
-- 1.8 m2 and taken as 70 kg (reference_weight). For another subject the engine
-- scales volumes x (BW/70 kg) and flows/clearances x (BW/70 kg)^0.75 (docs/model.md §9.10);
-- for a 25 g mouse that gives CL 0.1385 L/h, V1 6.321 mL, Q2 0.1525 L/h, V2 0.6536 L,
-- Q3 0.05664 L/h, V3 25.57 mL.
--
-- Two molecular weights (docs/model.md §9.11): mass doses ("5 mg/kg") are of the dosed
-- form, doxorubicin hydrochloride (mw_dosed); what vesicles carry and assays
-- measure is the free base (mw).
--
-- Not in this file because the engine derives them (data/README.md, 'Default calibration', docs/model.md §4, §9.1)
--   vmax_pgp = Km_pgp * x, with x solving (k_out + x) / (k_out + k_vexp + P_R x)
--              = resistant_accumulation (P_R = tumour.pgp_resistant); for the
--              MDA-MB-231 default (P_R 10, k_vexp 0.05) x = 0.39 1/h, vmax_pgp = 585 nmol/L/h;
--   ec50     = tumour IC50 (medium) x k_in / (k_out + vmax_pgp/km_pgp)
--              (0.3 uM x 5.62 = 1700 nmol/L intracellular for MDA-MB-231).
-- Entry format: data/README.md.
return {
  name = "doxorubicin",
  description = "Doxorubicin (free base carried/measured; dosed as the hydrochloride)",
  class = "small_molecule",

  mw = { 543.52, "g/mol", grade = "S", flag = "✔",
    source = "doxorubicin free base 543.52 g/mol (PubChem CID 31703, cited in Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4)" },

  mw_dosed = { 579.99, "g/mol", grade = "S", flag = "✔",
    source = "doxorubicin hydrochloride 579.99 g/mol, the form on labels and in papers (docs/model.md §9.11)" },

  reference_weight = { 70, "kg", grade = "S",
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: parameters are per 1.8 m2, taken as a 70 kg adult" },

  cl = { 53.3, "L/h", grade = "S", flag = "◐", range = { 25, 80 },
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol (doi 10.1007/s00280-013-2261-3),: adult reference CL 53.3 L/h per 1.8 m2, as reproduced in Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4: Table 2; range 25-80 L/h (Perez-Blanco JS et al. 2016, Br J Clin Pharmacol 82:1517-1527, doi 10.1111/bcp.13070 62.4 L/h)" },

  v1 = { 17.7, "L", grade = "S", flag = "◐",
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: V1 17.7 L (via Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4). Checked: the nlmixr2lib curation of Perez-Blanco JS et al. 2016, Br J Clin Pharmacol 82:1517-1527, doi 10.1111/bcp.13070 (Br J Clin Pharmacol 82:1517) fixes V1 = 17.7 L to the Kontny 2013 adult reference value" },

  q2 = { 58.7, "L/h", grade = "S", flag = "◐",
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: Q2 58.7 L/h (via Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4); Perez-Blanco JS et al. 2016, Br J Clin Pharmacol 82:1517-1527, doi 10.1111/bcp.13070: estimated 50.7 L/h" },

  v2 = { 1830, "L", grade = "S", flag = "◐",
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: V2 1830 L (via Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4). Checked: Perez-Blanco JS et al. 2016, Br J Clin Pharmacol 82:1517-1527, doi 10.1111/bcp.13070 (nlmixr2lib curation) fixes V2 = 1830 L to the Kontny 2013 value" },

  q3 = { 21.8, "L/h", grade = "S", flag = "◐",
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: Q3 21.8 L/h (via Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4); Perez-Blanco JS et al. 2016, Br J Clin Pharmacol 82:1517-1527, doi 10.1111/bcp.13070: estimated 28.4 L/h" },

  v3 = { 71.6, "L", grade = "S", flag = "◐",
    source = "Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: V3 71.6 L (via Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4: Table 2). Checked: Perez-Blanco JS et al. 2016, Br J Clin Pharmacol 82:1517-1527, doi 10.1111/bcp.13070 (nlmixr2lib curation) fixes V3 to the Kontny value written as 71 L -- the same value rounded; the model's derived half-lives are 5.5 min, 2.7 h, 46 h (label: distribution 5 min, terminal 20-48 h)" },

  kp_heart = { 15, "1", grade = "W", flag = "◐", range = { 5, 30 },
    source = "heart total-tissue:plasma partition 15 (5-30), from the He et al. 2019 DOX PBPK (PMC6533104) as re-implemented (cell:ISF Kp 5.6-15 x pH factor 2.3 x ISF:plasma 0.68)" },

  k_leak_lumen = { 0.06, "1/h", grade = "W", flag = "✔", range = { 0.001, 0.1 },
    source = "Harashima H et al. 1999, J Control Release 61:93-106, doi 10.1016/S0168-3659(99)00110-8,: optimal release rate from long-circulating liposomes 0.06 1/h (t1/2 about 11.6 h); lower bound Doxil <= 0.0013 1/h . DOX release from exosomes in plasma is unmeasured (gap)" },

  k_leak_membrane = { 0.6, "1/h", grade = "assumed", range = { 0.1, 3 },
    source = "assumed: 10x the lumen leak (docs/model.md §3: membrane >> lumen); surface-bound drug is not behind a bilayer" },

  f_rd = { 0.9, "1", grade = "assumed", range = { 0.7, 1 },
    source = "assumed: docs/model.md §3 'about 1 for a small molecule'; 0.9 leaves 10 % metabolised in macrophages and exercises the bookkeeping" },

  f_esc = { 0.8, "1", grade = "assumed", range = { 0.5, 1 },
    source = "assumed: a small molecule crosses endosomal membranes (docs/model.md §9.6: about 0.8 for a small molecule); the 1-2 % escape (Gilleron J et al. 2013, Nat Biotechnol 31:638-646, doi 10.1038/nbt.2612): is for RNA" },

  ps_free = { 5, "1/h", grade = "assumed", range = { 1, 30 },
    source = "assumed: free-drug tumour exchange PS (L/h per L tumour) limited by tumour blood flow (0.1-0.5 mL/min/g = about 6-30 L/h per L; 5 allows for incomplete extraction)" },

  k_in = { 5, "1/h", grade = "assumed", range = { 1, 20 },
    source = "assumed: cell uptake reaches a plateau within 1-2 h, as DOX does in vitro (Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497: measured uptake and efflux by confocal imaging; no rate constant taken from it)" },

  k_out = { 0.5, "1/h", grade = "assumed", range = { 0.1, 2 },
    source = "assumed: with k_in 5 1/h an intracellular:interstitial ratio of about 10 without P-gp (DNA binding)" },

  k_vexp = { 0.05, "1/h", grade = "assumed", range = { 0, 0.2 },
    source = "assumed: vesicular export of DOX by resistant cells (Shedden K et al. 2003, vesicle shedding expels doxorubicin; docs/model.md, 'Biology'), small next to P-gp; no published rate" },

  km_pgp = { 1500, "nmol/L", grade = "M", flag = "✔", range = { 1000, 3000 },
    source = "P-gp Km 1.5 +/- 0.1 uM for daunorubicin in P-gp+ plasma-membrane vesicles (FEBS Lett 1994, doi 10.1016/0014-5793(94)00447-1),: anthracycline proxy; range 1-3 uM" },

  resistant_accumulation = { 0.2, "1", grade = "M", flag = "✔", range = { 0.19, 0.68 },
    source = "Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497: DOX accumulation in MDR1-transduced MDA-MB-435 cells 19 % of wild type (68 % in xenograft tumours), about 9-fold resistance. Checked: the PubMed abstract states 19 %, 68 % and about 9-fold. Sets vmax_pgp (derived by the engine)" },

  -- Published risk of doxorubicin-related congestive heart failure by cumulative dose
  -- (docs/model.md §6): the engine reports doxorubicin.chf_risk_pct, the risk at the
  -- free-equivalent cardiac dose, linear between these points and from 0 at 0; above
  -- 700 mg/m2 it reports nothing rather than extrapolate.
  chf_risk = {
    dose_unit = "mg/m2", risk_unit = "%",
    points = { { 400, 5 }, { 500, 16 }, { 550, 26 }, { 700, 48 } },
    grade = "M", flag = "◐",
    source = "Swain SM, Whaley FS, Ewer MS 2003, Cancer 97:2869-2879, doi 10.1002/cncr.11407 (PMID 12767102): doxorubicin-related CHF in 630 patients of the doxorubicin-plus-placebo arms of three phase III trials (two breast carcinoma, one small cell lung carcinoma), estimated cumulative incidence by cumulative dose. Checked: the abstract (Wiley, PubMed) states 26 % at 550 mg/m2 (32 of 630 patients had CHF; the earlier estimate was 7 %); 5 % at 400, 16 % at 500 and 48 % at 700 mg/m2 were read via a review table (IJCRT 2020, Table 2, citing Swain 2003), not in the paper itself. Limits: adult patients, bolus every-3-week schedules; older patients (> 65 y) had more CHF above 400 mg/m2; the curve is convex, so linear interpolation from 0 overstates the risk below 400 mg/m2",
  },

  hill = { 1, "1", grade = "assumed", range = { 0.5, 3 },
    source = "assumed: Hill coefficient of the kill h = 1 (docs/model.md §9.1; no published value)" },

  kmax = { 0.05, "1/h", grade = "assumed", range = { 0.02, 0.15 },
    source = "assumed: about 1.2 /d, the order of the Simeoni k2 and of the Mody H et al. 2023, Sci Rep 13:3100, doi 10.1038/s41598-023-29964-4: cardiomyocyte Kmax 0.0697 1/h " },

  k_a_ip = { 1.0, "1/h", grade = "assumed", range = { 0.3, 5 },
    source = "assumed (docs/model.md §2: ip absorption constants are W/assumed until sourced): a small molecule crosses the peritoneal membrane quickly (absorption t1/2 about 0.7 h); no published value was found" },
}
