-- HCC70: human triple-negative (basal-like) breast-cancer line with high EGFR, the
-- target of the first systemically delivered engineered exosomes: GE11-peptide
-- (EGFR-binding) exosomes carrying let-7a miRNA reached HCC70 xenografts after IV
-- injection in RAG2-/- mice and slowed their growth (Ohno S et al. 2013, Mol Ther
-- 21:185-191, doi 10.1038/mt.2012.180). docs/model.md §5. Entry format: data/README.md.
--
-- No growth rate, capacity or drug sensitivity was found for HCC70 xenografts in the
-- stored literature: those entries are assumed, with reasons, as for mda_mb_231 (also
-- TNBC). The EGFR targeting itself is a carrier surface property (a ligand), not a
-- tumour property.
return {
  name = "hcc70",
  description = "HCC70 (EGFR-high TNBC) xenograft in immunodeficient mice, the GE11/let-7a exosome model",

  capacity = { 3000, "mm3", grade = "assumed", range = { 1000, 10000 },
    source = "assumed as mda_mb_231: Gompertz carrying capacity, no published value" },

  growth_rate = { 0.07, "/d", grade = "assumed", flag = "✱", range = { 0.03, 0.15 },
    source = "assumed (✱): no HCC70 xenograft growth curve was found in the stored sources. HCC70 grows more slowly than MDA-MB-231 in culture and in mice (background knowledge, not checked), so 0.07 /d (doubling 10 d at 100 mm3) between the MCF-7 (0.05 /d) and MDA-MB-231 (0.1 /d) values of this library; calibrate to the control arm of Ohno S et al. 2013, Mol Ther 21:185-191, doi 10.1038/mt.2012.180" },

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
    source = "assumed as mda_mb_231: P-gp level of the resistant subpopulation relative to the sensitive cells; no HCC70 value was found" },

  resistant_fraction = { 0.1, "1", grade = "assumed", range = { 0, 0.5 },
    source = "assumed: a drug-naive line; 10 % P-gp-high cells stand for its heterogeneity (not measured)" },

  biomarker_secretion = { 60, "1/h", grade = "W", flag = "◐", range = { 10, 100 },
    source = "taken from other breast-cancer lines: about 60-65 exosomes per cell per h for MCF7 and MDA-MB-231 (Chiu YJ et al. 2016, Small, single-cell counting, read through a summary); not measured for HCC70" },

  biomarker_resistant_multiplier = { 2, "1", grade = "assumed", range = { 1, 5 },
    source = "assumed as mda_mb_231: resistant cells secrete more marker-positive vesicles (EVs of chemoresistant cells carry TRPC5, Ma X et al. 2014 PNAS; Wang T et al. 2017, Cancer Sci 108:448); no ratio of secretion rates is published" },

  biomarker_k_clear = { 5.9, "1/h", grade = "M", flag = "✔", range = { 1.4, 20.8 },
    source = "circulating tumour vesicles are cleared like other small EVs: plasma sEV t1/2 about 7 min in mice (Matsumoto A et al. 2020, J Extracell Vesicles 9:1696517, doi 10.1080/20013078.2019.1696517) => ln2/7 min = 5.9 /h; range = t1/2 30 min to 2 min" },

  ic50 = {
    doxorubicin = { 0.2, "uM", grade = "assumed", flag = "✱", range = { 0.02, 1 },
      source = "assumed (✱, not checked): basal-like TNBC lines are mostly DOX-sensitive, with IC50s of 0.05-1 uM as for MDA-MB-231 in this library; 0.2 uM. Sensitive cells, in the medium. Calibrate to one dataset" },
    gemcitabine = { 0.03, "uM", grade = "assumed", flag = "✱", range = { 0.005, 1 },
      source = "assumed as mda_mb_231 (✱, not checked for this line): 72 h gemcitabine IC50s of breast-cancer lines are mostly low-nanomolar to sub-micromolar and vary > 100-fold between labs; 30 nM. Sensitive cells, in the medium. Calibrate before quantitative use" },
    paclitaxel = { 0.005, "uM", grade = "W", range = { 0.0025, 0.05 },
      source = "5 nM, the middle of Liebmann JE et al. 1993, Br J Cancer 68:1104-1109 (PMC1968657): paclitaxel IC50 2.5-7.5 nM in eight human tumour cell lines (24 h exposure, clonogenic assay; 72 h exposure was 5-200-fold more cytotoxic). Checked: the abstract states the range; which lines it covers was not read, so the value is not specific to this line; the upper end allows for other assays. Sensitive cells, in the medium" },
  },

  -- Receptors the targeting ligands need (data/ligands/; docs/model.md, "Targeting").
  receptors = { "egfr", grade = "M", flag = "✔",
    source = "EGFR: HCC70 was chosen as the EGFR-expressing line that GE11 exosomes bound and reached in vivo (Ohno S et al. 2013, Mol Ther 21:185-191, doi 10.1038/mt.2012.180). Alpha-v integrin and NRP1 are not listed: no source for them in HCC70 was found, so iRGD's tumour effects do not apply here" },
}
