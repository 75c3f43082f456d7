-- 4T1: murine triple-negative mammary carcinoma, grown orthotopically (mammary fat pad)
-- in immunocompetent BALB/c mice -- the syngeneic model most exosome-carrier papers use
-- (e.g. MSC exosomes penetrated 4T1 tumours: Naseri Z et al. 2018, Int J Nanomedicine
-- 13:7727-7747, doi 10.2147/IJN.S182384). docs/model.md §5. Entry format: data/README.md.
--
-- What the model leaves out for this line: the immune system (4T1 grows in
-- immunocompetent mice, and exosomes are immunomodulatory) and the early lung
-- metastases that 4T1 is known for; the model has one primary tumour.
--
-- Growth. 4T1 grows fast and Gompertz-like (Gregorio AC et al. 2016, PLoS ONE
-- 11:e0165817, doi 10.1371/journal.pone.0165817: doubling times rise and specific growth
-- rates fall as the tumour grows, and both depend on the number of cells inoculated).
-- The growth_rate is derived from one measured point: 5e4 cells in the fourth mammary
-- fat pad of BALB/c mice reached 1007.9 +/- 335.6 mm3 on day 28 (Loera-Heras Z et al.
-- 2023, Rev Med UAS 13(3), abstract read). In the engine's Gompertz law
-- (docs/model.md §5) V(t) = K (V0/K)^exp(-lambda t), lambda = growth_rate / ln(K/100 mm3);
-- with V0 = 5e4 cells = 0.05 mm3 (1e6 cells per mm3) and K = 3000 mm3:
--   exp(-lambda 28 d) = ln(1000/3000) / ln(0.05/3000) = 0.0999  => lambda = 0.0823 /d,
--   growth_rate = lambda ln(30) = 0.280 /d (doubling 2.5 d at 100 mm3).
-- It ignores the lag after implantation (so it is a lower bound) and depends on K.
return {
  name = "4t1",
  description = "4T1 murine TNBC, orthotopic in BALB/c mice (syngeneic; immune system not modelled)",

  capacity = { 3000, "mm3", grade = "assumed", range = { 1500, 10000 },
    source = "assumed as mda_mb_231: Gompertz carrying capacity, no published value; 4T1 studies end at 1,000-2,000 mm3 (humane end points), so the lower end of the range is the plateau never observed" },

  growth_rate = { 0.28, "/d", grade = "W", range = { 0.15, 0.5 },
    source = "derived in the header from Loera-Heras Z et al. 2023, Rev Med UAS 13(3) (abstract: 5e4 4T1 cells orthotopic in BALB/c, 1007.9 +/- 335.6 mm3 on day 28) through the engine's Gompertz law with capacity 3000 mm3: specific rate 0.28 /d at 100 mm3 (doubling 2.5 d). Gompertz growth of 4T1: Gregorio AC et al. 2016, PLoS ONE 11:e0165817, doi 10.1371/journal.pone.0165817. Range: a capacity of 1,500-10,000 mm3 and the implantation lag" },

  fitness_cost = { 0.2, "1", grade = "W", range = { 0, 0.5 },
    source = "resistant-cell fitness cost, growth ratio R/S 0.8 (0.5-1), modelling convention (Duran MR et al. 2016, Bull Math Biol 78:1218-1237) => c_R = 0.2; as mda_mb_231" },

  k_tr = { 1.0, "/d", grade = "W", flag = "✔", range = { 0.5, 2 },
    source = "Simeoni M et al. 2004, Cancer Res 64:1094-1101: damage transit k1 1.0 /d (0.968 /d for A2780/paclitaxel); as mda_mb_231" },

  transfer_rate = { 1e-3, "1/h", grade = "assumed", range = { 1e-5, 1e-2 },
    source = "assumed as mda_mb_231: exosome-mediated S->R transfer; no portable rate is published (structures only: Pasquier J et al. 2011, Biol Direct 6:5)" },

  stress_gain = { 2, "1", grade = "assumed", range = { 0, 5 },
    source = "assumed as mda_mb_231: chemotherapy raises exosome release 2-3x (Wang J ... Au JL-S 2017, J Control Release 268:147-158, qualitative)" },

  mutation_rate = { 1e-7, "1/h", grade = "assumed", range = { 1e-9, 1e-6 },
    source = "assumed as mda_mb_231: about 4e-6 per division" },

  f_int = { 0.3, "1", grade = "assumed", range = { 0.2, 0.5 },
    source = "assumed as mda_mb_231: interstitial fraction of tumour volume 0.2-0.5" },

  cells_per_mm3 = { 1e6, "1/mm3", grade = "assumed", range = { 5e5, 2e6 },
    source = "docs/model.md default (1 mm3 of tumour about 1e6 cells). Range assumed" },

  volume = { 100, "mm3", grade = "assumed", range = { 50, 500 },
    source = "default starting volume 100 mm3, as the other tumour models (also the reference volume of growth_rate)" },

  rho = { 2, "1", grade = "assumed", range = { 1, 10 },
    source = "assumed as mda_mb_231: extra EC50 shift of resistant cells, so that P-gp (5x lower accumulation, Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497) x rho gives a 10-fold resistance" },

  pgp_resistant = { 10, "1", grade = "assumed", range = { 3, 30 },
    source = "assumed as mda_mb_231: P-gp level of the resistant subpopulation relative to the sensitive cells; no 4T1 value was found" },

  resistant_fraction = { 0.1, "1", grade = "assumed", range = { 0, 0.5 },
    source = "assumed: the parental 4T1 line is drug-naive; 10 % P-gp-high cells stand for its heterogeneity (not measured)" },

  biomarker_secretion = { 60, "1/h", grade = "W", flag = "◐", range = { 10, 100 },
    source = "taken from human breast-cancer lines: about 60-65 exosomes per cell per h for MCF7 and MDA-MB-231 (Chiu YJ et al. 2016, Small, single-cell counting, read through a summary); not measured for 4T1" },

  biomarker_resistant_multiplier = { 2, "1", grade = "assumed", range = { 1, 5 },
    source = "assumed as mda_mb_231: resistant cells secrete more marker-positive vesicles (EVs of chemoresistant cells carry TRPC5, Ma X et al. 2014 PNAS; Wang T et al. 2017, Cancer Sci 108:448); no ratio of secretion rates is published" },

  biomarker_k_clear = { 5.9, "1/h", grade = "M", flag = "✔", range = { 1.4, 20.8 },
    source = "circulating tumour vesicles are cleared like other small EVs: plasma sEV t1/2 about 7 min in mice (Matsumoto A et al. 2020, J Extracell Vesicles 9:1696517, doi 10.1080/20013078.2019.1696517) => ln2/7 min = 5.9 /h; range = t1/2 30 min to 2 min" },

  ic50 = {
    doxorubicin = { 0.5, "uM", grade = "assumed", flag = "✱", range = { 0.05, 2 },
      source = "assumed (✱, not checked): DOX IC50s of 4T1 in 48-72 h viability assays are usually reported between about 0.1 and 1 uM; 0.5 uM. Sensitive cells, in the medium. Calibrate to one dataset" },
    gemcitabine = { 0.03, "uM", grade = "assumed", flag = "✱", range = { 0.005, 1 },
      source = "assumed as mda_mb_231 (✱, not checked for this line): 72 h gemcitabine IC50s of breast-cancer lines are mostly low-nanomolar to sub-micromolar and vary > 100-fold between labs; 30 nM. Sensitive cells, in the medium. Calibrate before quantitative use" },
    paclitaxel = { 0.05, "uM", grade = "assumed", flag = "✱", range = { 0.005, 5 },
      source = "assumed (✱, not checked): murine lines are often less sensitive to taxanes than human ones, and 4T1 paclitaxel IC50s from tens of nM to micromolar are reported; 50 nM, ten times the human-line value of Liebmann JE et al. 1993, Br J Cancer 68:1104-1109 (PMC1968657): paclitaxel IC50 2.5-7.5 nM in eight human tumour cell lines (24 h exposure, clonogenic assay; 72 h exposure was 5-200-fold more cytotoxic). Checked: the abstract states the range; which lines it covers was not read, so the value is not specific to this line. Sensitive cells, in the medium" },
  },

  -- Receptors the targeting ligands need (data/ligands/; docs/model.md, "Targeting").
  receptors = { grade = "assumed",
    source = "none listed: no receptor levels of 4T1 tumours were sourced for this library. GE11 was selected against human EGFR (Li Z et al. 2005, FASEB J 19:1978-1985, doi 10.1096/fj.05-4058fje); binding to murine EGFR is not established. List integrin_av and nrp1 here only with a source" },
}
