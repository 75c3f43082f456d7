-- MCF-7: the classic ER+ luminal breast-cancer line, drug-SENSITIVE (the parent of
-- mcf7_adr). Xenografts need oestradiol supplementation and grow more slowly than
-- receptor-negative ones (Spang-Thomsen M et al. 1989, Breast Cancer Res Treat
-- 14:235-243). docs/model.md §5. Entry format: data/README.md.
--
-- Compared with mcf7_adr: the same growth, a small resistant minority (the line as a
-- whole is sensitive), and the resistant cells' shift rho of mda_mb_231 (2), so a
-- resistant MCF-7 cell needs rho / resistant_accumulation = 10 times the DOX of a
-- sensitive one in the medium (mcf7_adr: 30).
return {
  name = "mcf7",
  description = "MCF-7 (ER+, drug-sensitive) xenograft with oestradiol support",

  capacity = { 3000, "mm3", grade = "assumed", range = { 1000, 10000 },
    source = "assumed as mda_mb_231: Gompertz carrying capacity, no published value" },

  growth_rate = { 0.05, "/d", grade = "W", flag = "✱", range = { 0.03, 0.1 },
    source = "MCF-7 (+E2) xenograft exponential rate 0.05 /d (doubling 14 d; 0.03-0.1), as mcf7_adr: Spang-Thomsen M et al. 1989, Breast Cancer Res Treat 14:235-243 (ER+ xenografts grow slower, longer volume doubling, cell generation times 42-60 h; ✔ qualitative), the number from the general xenograft literature (✱). Read as the specific rate at 100 mm3" },

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
    source = "assumed as mda_mb_231: extra EC50 shift of the resistant minority, so that P-gp (5x lower accumulation, Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497) x rho gives a 10-fold resistance" },

  pgp_resistant = { 10, "1", grade = "assumed", range = { 3, 30 },
    source = "assumed as mda_mb_231: parental MCF-7 expresses little P-gp (P-gp-high derivatives such as MCF7/D40 are selected by drug: Taylor CW et al. 1991, Br J Cancer 63:923-929); a P-gp-high minority 10x the sensitive cells' level" },

  resistant_fraction = { 0.01, "1", grade = "assumed", range = { 0, 0.1 },
    source = "assumed: a drug-sensitive line with a rare resistant minority (1 %), from which selection produces lines like mcf7_adr" },

  biomarker_secretion = { 60, "1/h", grade = "M", flag = "◐", range = { 10, 100 },
    source = "tumour vesicles secreted per viable sensitive cell per hour: about 60-65 exosomes per cell per h for MCF7 and MDA-MB-231 (Chiu YJ et al. 2016, Small, single-cell antibody-capture counting, read through a summary). In culture" },

  biomarker_resistant_multiplier = { 2, "1", grade = "assumed", range = { 1, 5 },
    source = "assumed as mda_mb_231: resistant cells secrete more marker-positive vesicles (EVs of chemoresistant cells carry TRPC5, Ma X et al. 2014 PNAS; Wang T et al. 2017, Cancer Sci 108:448); no ratio of secretion rates is published" },

  biomarker_k_clear = { 5.9, "1/h", grade = "M", flag = "✔", range = { 1.4, 20.8 },
    source = "circulating tumour vesicles are cleared like other small EVs: plasma sEV t1/2 about 7 min in mice (Matsumoto A et al. 2020, J Extracell Vesicles 9:1696517, doi 10.1080/20013078.2019.1696517) => ln2/7 min = 5.9 /h; range = t1/2 30 min to 2 min" },

  ic50 = {
    doxorubicin = { 0.5, "uM", grade = "W", flag = "✱", range = { 0.1, 1 },
      source = "parental MCF-7, 0.5 uM (0.1-1, broad literature, ✱, as in mcf7_adr; one outlier study reported about 66 uM). Sensitive cells, in the medium. Calibrate to one dataset" },
    gemcitabine = { 0.03, "uM", grade = "assumed", flag = "✱", range = { 0.005, 1 },
      source = "assumed as mda_mb_231 (✱, not checked for this line): 72 h gemcitabine IC50s of breast-cancer lines are mostly low-nanomolar to sub-micromolar and vary > 100-fold between labs; 30 nM. Sensitive cells, in the medium. Calibrate before quantitative use" },
    paclitaxel = { 0.005, "uM", grade = "W", range = { 0.0025, 0.05 },
      source = "5 nM, the middle of Liebmann JE et al. 1993, Br J Cancer 68:1104-1109 (PMC1968657): paclitaxel IC50 2.5-7.5 nM in eight human tumour cell lines (24 h exposure, clonogenic assay; 72 h exposure was 5-200-fold more cytotoxic). Checked: the abstract states the range; which lines it covers was not read, so the value is not specific to this line; the upper end allows for other assays. Sensitive cells, in the medium" },
  },

  -- Receptors the targeting ligands need (data/ligands/; docs/model.md, "Targeting").
  receptors = { grade = "W", flag = "✱",
    source = "none listed. EGFR: MCF-7 is EGFR-negative/low by immunohistochemistry (Subik K et al. 2010, Breast Cancer (Auckl) 4:35-41; recalled, not checked, ✱), so GE11 does not bind. Alpha-v: MCF-7 serves as the alpha-v beta-3-negative control line of RGD-targeting studies (Xu W et al. 2018, RSC Adv, doi 10.1039/c8ra05014g: P1c-liposomes, alpha-v beta-3-positive U87MG against -negative MCF-7); NRP1 is low in MCF-7 (NRP1 had to be overexpressed in MCF-7, while MDA-MB-231 expresses it: Cancer Lett 2016, PII S0304383516000227, abstract via an aggregator, ◐) and its alpha-v beta-5 level was not sourced, so iRGD's tumour effects are not applied either" },
}
