-- MCF-7/ADR (also called MCF-7/DOX, MCF-7/Adr): a doxorubicin-selected, P-gp-high
-- derivative of the ER+ MCF-7 line. docs/model.md §5. Entry format: data/README.md.
--
-- How the line's resistance is represented. The engine reads ic50 as the in-vitro
-- IC50 of the SENSITIVE cells and derives the resistant cells' EC50 from P-gp and rho:
-- in the medium the resistant cells need rho / resistant_accumulation times more drug
-- (resistant_accumulation = 0.2, Shen 2008, is a property of the agent). So:
--  ic50.doxorubicin = 0.5 uM, the parental MCF-7 value, for the
--                      sensitive minority;
--   rho = 6            => resistant cells' medium IC50 = 0.5 uM x 6 / 0.2 = 15 uM, the
--  middle (geometric) of the MCF-7/ADR range 5-50 uM
--  a resistance fold of 30 ( index about 20-100+)
--   resistant_fraction = 0.9 so that the line as a whole behaves like its resistant
--                      cells (population IC50 about 12-15 uM).
-- Putting the line's 5-50 uM in ic50 instead would apply the P-gp/rho shift twice.
-- Gemcitabine (not a P-gp substrate): resistant cells differ only by rho (6-fold).
-- Biomarker fields as mda_mb_231 (Chiu 2016 measured MCF7 and MDA-MB-231 alike).
return {
  name = "mcf7_adr",
  description = "MCF-7/ADR (MCF-7/DOX) doxorubicin-resistant, P-gp-high ER+ breast-cancer xenograft",

  capacity = { 3000, "mm3", grade = "assumed", range = { 1000, 10000 },
    source = "assumed as mda_mb_231: Gompertz carrying capacity, no published value" },

  growth_rate = { 0.05, "/d", grade = "W", flag = "✱", range = { 0.03, 0.1 },
    source = "MCF-7 (+E2) xenograft exponential rate 0.05 /d (doubling 14 d; 0.03-0.1), Spang-Thomsen M et al. 1989 Breast Cancer Res Treat 14:235 (ER+ xenografts grow slower, ✔ qualitative; the number is general literature, ✱). Taken for the ADR derivative, assumed to grow like the parental line; read as the specific rate at 100 mm3" },

  fitness_cost = { 0.2, "1", grade = "W", range = { 0, 0.5 },
    source = "growth ratio R/S 0.8 (0.5-1), modelling convention (Duran 2016; Denes/Marzban/Rost) => c_R = 0.2; as mda_mb_231" },

  k_tr = { 1.0, "/d", grade = "W", flag = "✔", range = { 0.5, 2 },
    source = "Simeoni M et al. 2004, Cancer Res 64:1094-1101: damage transit k1 1.0 /d; as mda_mb_231" },

  rho = { 6, "1", grade = "assumed", range = { 2, 20 },
    source = "assumed so that the resistant cells' medium IC50 = 0.5 uM x rho / 0.2 = 15 uM, inside the MCF-7/ADR range 5-50 uM (✱), i.e. a 30-fold resistance (resistance index about 20-100+); range 2-20 spans folds 10-100. P-gp gives 5x of that (Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497, 19 % accumulation); rho carries the rest (e.g. GSTP1 and other non-P-gp mechanisms, docs/model.md, 'Biology')" },

  pgp_resistant = { 50, "1", grade = "assumed", range = { 10, 100 },
    source = "assumed: parental MCF-7 expresses little P-gp and MCF-7/ADR-type lines are P-gp-high with accumulation reversed by verapamil (Taylor CW et al. 1991 Br J Cancer 63:923, MCF7/D40), so the R:S P-gp ratio is taken higher than for mda_mb_231 (10). The engine re-derives vmax_pgp so resistant cells still hold 0.2 of the sensitive cells' DOX; a higher P_R leaves the sensitive cells with less efflux" },

  transfer_rate = { 1e-3, "1/h", grade = "assumed", range = { 1e-5, 1e-2 },
    source = "assumed as mda_mb_231: P-gp is transferred between MCF-7/Doxo and parental MCF-7 cells (Pasquier J et al. 2011 Biol Direct 6:5,; structure only, no portable rate)" },

  stress_gain = { 2, "1", grade = "assumed", range = { 0, 5 },
    source = "assumed as mda_mb_231: chemotherapy raises exosome release 2-3x (MCF7 among the lines of Wang/Au 2017)" },

  mutation_rate = { 1e-7, "1/h", grade = "assumed", range = { 1e-9, 1e-6 },
    source = "assumed as mda_mb_231: about 4e-6 per division" },

  f_int = { 0.3, "1", grade = "assumed", range = { 0.2, 0.5 },
    source = "assumed as mda_mb_231: interstitial fraction 0.2-0.5" },

  cells_per_mm3 = { 1e6, "1/mm3", grade = "assumed", range = { 5e5, 2e6 },
    source = "docs/model.md default (1e6 cells per mm3). Range assumed" },

  volume = { 100, "mm3", grade = "assumed", range = { 50, 500 },
    source = "default starting volume 100 mm3, as the data/README.md, 'Default calibration' scenario (also the reference volume of growth_rate)" },

  resistant_fraction = { 0.9, "1", grade = "assumed", range = { 0.7, 1 },
    source = "assumed: a drug-selected resistant line is mostly resistant cells; 0.9 keeps a sensitive minority (P-gp expression in selected lines is heterogeneous) so the sensitive-cell parameters still matter. With it the line's overall IC50 is near the resistant cells' 15 uM" },

  biomarker_secretion = { 60, "1/h", grade = "M", flag = "◐", range = { 10, 100 },
    source = "tumour vesicles secreted per viable SENSITIVE cell per hour (unit 1/h = vesicles per cell per h): about 60-65 exosomes per cell per h for MCF7 and MDA-MB-231 (Chiu YJ et al. 2016 Small, single-cell antibody-capture counting, read through a summary; 60, range 10-100). In culture; in vivo secretion may differ" },

  biomarker_resistant_multiplier = { 2, "1", grade = "assumed", range = { 1, 5 },
    source = "assumed: resistant cells secrete more marker-positive vesicles than sensitive ones -- EVs from chemoresistant cells carry TRPC5 and rising circulating TRPC5+ exosomes track acquired resistance (Ma X 2014 PNAS; Wang T 2017 Cancer Sci 108:448), ANXA6 is up in gemcitabine-resistant TNBC cells and their exosomes and baseline serum exosomal ANXA6 is higher in resistant patients (PMC8266800). No ratio of secretion rates is published; 2 means twice the marker-positive vesicles per resistant cell. Drug stress comes on top (stress_gain)" },

  biomarker_k_clear = { 5.9, "1/h", grade = "M", flag = "✔", range = { 1.4, 20.8 },
    source = "circulating tumour vesicles are cleared like other small EVs: plasma sEV t1/2 about 7 min in mice (Matsumoto A et al. 2020, J Extracell Vesicles 9:1696517, doi 10.1080/20013078.2019.1696517) => ln2/7 min = 5.9 /h; range = t1/2 30 min to 2 min (1.4-20.8 /h, the range of reported EV half-lives)" },

  ic50 = {
    doxorubicin = { 0.5, "uM", grade = "W", flag = "✱", range = { 0.1, 1 },
      source = "IC50 of the SENSITIVE cells: parental MCF-7, 0.5 uM (0.1-1, broad literature, ✱; one outlier study reported about 66 uM). Deliberately not the MCF-7/ADR line value 5-50 uM : the engine applies the resistant shift (rho / 0.2 = 30x) itself, see the header" },
    gemcitabine = { 0.03, "uM", grade = "assumed", flag = "✱", range = { 0.005, 1 },
      source = "IC50 of the SENSITIVE cells (parental MCF-7), assumed from background knowledge (✱, not checked: no MCF-7 gemcitabine IC50 was found in the stored pages): breast-cancer lines are mostly in the low-nanomolar to sub-micromolar range; 30 nM, range 5 nM-1 uM. Gemcitabine is not a P-gp substrate (agents/gemcitabine.lua), so the resistant cells' gemcitabine EC50 is rho (6) times the sensitive cells', not rho/0.2 as for DOX. Calibrate before quantitative use" },
    paclitaxel = { 0.005, "uM", grade = "W", range = { 0.0025, 0.05 },
      source = "5 nM, the middle of Liebmann JE et al. 1993, Br J Cancer 68:1104-1109 (PMC1968657): paclitaxel IC50 2.5-7.5 nM in eight human tumour cell lines (24 h exposure, clonogenic assay; 72 h exposure was 5-200-fold more cytotoxic). Checked: the abstract states the range; which lines it covers was not read, so the value is not specific to this line; the upper end allows for other assays. Sensitive cells, in the medium. (parental MCF-7, the SENSITIVE cells). Paclitaxel is a P-gp substrate: the engine gives the resistant cells rho / resistant_accumulation = 6 / 0.2 = 30x; MCF-7/Dox cells were 109-fold cross-resistant to paclitaxel (Iseri OD et al., Int J Hematol Oncol (UHOD)), so the model understates the paclitaxel resistance of this line about 3.6-fold unless paclitaxel.resistant_accumulation is lowered to 0.055" },
  },

  -- Receptors the targeting ligands need (data/ligands/; docs/model.md, "Targeting").
  receptors = { grade = "assumed", flag = "✱",
    source = "none listed: as the parental MCF-7 (EGFR-negative/low, alpha-v beta-3-negative; see tumours/mcf7.lua); no receptor data for the DOX-selected subline were found. List a receptor here only with a source" },
}
