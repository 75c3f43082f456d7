-- MDA-MB-231-like triple-negative breast-cancer xenograft (mouse), the data/README.md, 'Default calibration'
-- scenario. docs/model.md §5. ic50 holds in-vitro (medium) IC50s per agent for the
-- SENSITIVE cells; the engine turns them into intracellular EC50s through the
-- sensitive cells' accumulation ratio, and gets the resistant cells' EC50 as
-- rho x EC50 on top of their lower accumulation (P-gp level pgp_resistant).
-- Overall resistance fold in the medium = rho / resistant_accumulation = 2 / 0.2 = 10
-- (resistance fold 10, 9-100). Entry format: data/README.md.
--
-- Also the TNBC model of the gemcitabine example (MDA-MB-231 is triple-negative, the
-- subtype of the ANXA6 gemcitabine-resistance study): gemcitabine is not a P-gp
-- substrate, so for it the resistant cells differ only by rho (2-fold).
-- Biomarker (docs/model.md §6): viable cells secrete tumour vesicles (biomarker_secretion
-- per sensitive cell, x biomarker_resistant_multiplier per resistant cell, more under
-- drug stress), cleared from plasma at biomarker_k_clear -> biomarker_plasma.
return {
  name = "mda_mb_231",
  description = "MDA-MB-231 (TNBC) xenograft with a P-gp-high resistant subpopulation",

  capacity = { 3000, "mm3", grade = "assumed", range = { 1000, 10000 },
    source = "assumed: Gompertz carrying capacity; no published value was found (Gompertz fits orthotopic MDA-MB-231-derived growth best, Benzekry 2014 PLoS Comput Biol 10:e1003800, values not retrieved)" },

  growth_rate = { 0.1, "/d", grade = "W", flag = "✱", range = { 0.08, 0.17 },
    source = "MDA-MB-231 xenograft exponential rate 0.1 /d (doubling 7 d; 0.08-0.17), general xenograft literature (✱); read as the specific rate at 100 mm3 (docs/model.md §5; data/README.md, 'Default calibration': 4.167e-3 1/h)" },

  fitness_cost = { 0.2, "1", grade = "W", range = { 0, 0.5 },
    source = "resistant-cell fitness cost, growth ratio R/S 0.8 (0.5-1), modelling convention (Denes/Marzban/Rost; Duran 2016 Bull Math Biol 78:1218) => c_R = 0.2" },

  k_tr = { 1.0, "/d", grade = "W", flag = "✔", range = { 0.5, 2 },
    source = "Simeoni M et al. 2004, Cancer Res 64:1094-1101: damage transit k1 1.0 /d (example 0.968 /d, A2780/paclitaxel; W for DOX); data/README.md, 'Default calibration': 0.041667 1/h" },

  rho = { 2, "1", grade = "assumed", range = { 1, 10 },
    source = "assumed: extra EC50 shift of resistant cells, so that P-gp (5x lower accumulation, Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497) x rho gives the 10-fold resistance (resistance fold 10, 9-100)" },

  pgp_resistant = { 10, "1", grade = "assumed", range = { 3, 30 },
    source = "assumed: P-gp level of resistant relative to sensitive cells; with the derived vmax_pgp it gives the 0.2 accumulation of Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497. Drug sensitivity is linear in P-gp density (Robertus 2025 Molecules 30:3014)" },

  transfer_rate = { 1e-3, "1/h", grade = "assumed", range = { 1e-5, 1e-2 },
    source = "assumed: exosome-mediated S->R transfer tau; 'calibrate' (gap; structures only: Pasquier 2011 Biol Direct 6:5, Duran 2016). About 0.7 % of S per day at R/(S+R) = 0.3" },

  stress_gain = { 2, "1", grade = "assumed", range = { 0, 5 },
    source = "assumed: chemotherapy raises exosome release 2-3x (Wang/Au 2017 J Control Release 268:147, qualitative dose- and time-dependence)" },

  mutation_rate = { 1e-7, "1/h", grade = "assumed", range = { 1e-9, 1e-6 },
    source = "assumed: about 4e-6 per division at a 40 h cycle" },

  f_int = { 0.3, "1", grade = "assumed", range = { 0.2, 0.5 },
    source = "assumed: interstitial fraction of tumour volume (0.2-0.5 typical)" },

  cells_per_mm3 = { 1e6, "1/mm3", grade = "assumed", range = { 5e5, 2e6 },
    source = "docs/model.md default (1 mm3 of tumour about 1e6 cells); data/README.md, 'Default calibration'. Range assumed" },

  volume = { 100, "mm3", grade = "assumed", range = { 50, 500 },
    source = "data/README.md, 'Default calibration': treatment starts at 100 mm3 (also the reference volume of growth_rate)" },

  resistant_fraction = { 0.3, "1", grade = "assumed", range = { 0, 0.5 },
    source = "data/README.md, 'Default calibration': 30 % resistant cells at the start" },

  biomarker_secretion = { 60, "1/h", grade = "M", flag = "◐", range = { 10, 100 },
    source = "tumour vesicles secreted per viable SENSITIVE cell per hour (unit 1/h = vesicles per cell per h): about 60-65 exosomes per cell per h for MCF7 and MDA-MB-231 (Chiu YJ et al. 2016 Small, single-cell antibody-capture counting, read through a summary; 60, range 10-100). In culture; in vivo secretion may differ" },

  biomarker_resistant_multiplier = { 2, "1", grade = "assumed", range = { 1, 5 },
    source = "assumed: resistant cells secrete more marker-positive vesicles than sensitive ones -- EVs from chemoresistant cells carry TRPC5 and rising circulating TRPC5+ exosomes track acquired resistance (Ma X 2014 PNAS; Wang T 2017 Cancer Sci 108:448), ANXA6 is up in gemcitabine-resistant TNBC cells and their exosomes and baseline serum exosomal ANXA6 is higher in resistant patients (PMC8266800). No ratio of secretion rates is published; 2 means twice the marker-positive vesicles per resistant cell. Drug stress comes on top (stress_gain)" },

  biomarker_k_clear = { 5.9, "1/h", grade = "M", flag = "✔", range = { 1.4, 20.8 },
    source = "circulating tumour vesicles are cleared like other small EVs: plasma sEV t1/2 about 7 min in mice (Matsumoto A et al. 2020, J Extracell Vesicles 9:1696517, doi 10.1080/20013078.2019.1696517) => ln2/7 min = 5.9 /h; range = t1/2 30 min to 2 min (1.4-20.8 /h, the range of reported EV half-lives)" },

  ic50 = {
    doxorubicin = { 0.3, "uM", grade = "W", flag = "✱", range = { 0.05, 1 },
      source = "DOX IC50 of MDA-MB-231 typically 0.05-1 uM (broad literature, not pinned to one verified paper; ✱); IC50s vary > 100-fold between labs -- calibrate to one dataset. Sensitive cells, in the medium; data/README.md, 'Default calibration': ec50 = 0.3 uM x 5.62 = 1700 nmol/L" },
    gemcitabine = { 0.03, "uM", grade = "assumed", flag = "✱", range = { 0.005, 1 },
      source = "assumed from background knowledge (✱, not checked: no MDA-MB-231 gemcitabine IC50 was found in the stored pages): 72 h viability IC50s of gemcitabine in breast-cancer lines are mostly in the low-nanomolar to sub-micromolar range and vary > 100-fold between labs and assays (as for DOX, 'IC50 values'); 30 nM taken, range 5 nM-1 uM. Sensitive cells, in the medium; the engine's ec50 = 0.03 uM x k_in/k_out (2/0.2) = 300 nmol/L intracellular (vmax_pgp = 0 for gemcitabine). The resistant cells' gemcitabine EC50 is rho (2) times that: P-gp does not act on gemcitabine. Calibrate to one dataset (e.g. the ANXA6 study's parental line) before quantitative use" },
    paclitaxel = { 0.005, "uM", grade = "W", range = { 0.0025, 0.05 },
      source = "5 nM, the middle of Liebmann JE et al. 1993, Br J Cancer 68:1104-1109 (PMC1968657): paclitaxel IC50 2.5-7.5 nM in eight human tumour cell lines (24 h exposure, clonogenic assay; 72 h exposure was 5-200-fold more cytotoxic). Checked: the abstract states the range; which lines it covers was not read, so the value is not specific to this line; the upper end allows for other assays. Sensitive cells, in the medium. Paclitaxel is a P-gp substrate (agents/paclitaxel.lua): the resistant cells need rho / resistant_accumulation = 2 / 0.2 = 10x more in the medium" },
  },

  -- Receptors the targeting ligands need (data/ligands/; docs/model.md, "Targeting").
  receptors = { "egfr", "integrin_av", "nrp1", grade = "M", flag = "✱",
    source = "EGFR: MDA-MB-231 is EGFR-positive by immunohistochemistry (Subik K et al. 2010, Breast Cancer (Auckl) 4:35-41; recalled, not checked, ✱). Alpha-v integrin: iRGD-Lamp2b exosomes targeted alpha-v-positive MDA-MB-231 cells and xenografts (Tian Y et al. 2014, Biomaterials 35:2383-2390, doi 10.1016/j.biomaterials.2013.11.083). Neuropilin-1: MDA-MB-231 cells express NRP1 -- its knockdown slowed their proliferation, migration and invasion, while MCF-7 needed NRP1 overexpression (\"VEGF/NRP-1 axis promotes progression of breast cancer via enhancement of epithelial-mesenchymal transition and activation of NF-kB and beta-catenin\", Cancer Lett 2016, PII S0304383516000227; abstract read through an aggregator, ◐); also Bachelder RE et al. 2001, Cancer Res 61:5736-5740 (recalled, ✱); in vivo the tumour vessels carry NRP1 as well (Sugahara KN et al. 2009, Cancer Cell 16:510-520)" },
}
