-- Paclitaxel (Taxol), class "small_molecule": a microtubule-stabilising taxane, the other
-- drug most often loaded into exosomes (Kim MS et al. 2016, Nanomedicine 12:655-664,
-- PMC4809755: macrophage exosomes loaded by sonication, 28 % EE). docs/model.md §4, §9-§10.
--
-- Does the engine's small-molecule model fit paclitaxel? Mostly:
--  * Plasma PK. The engine's free drug is linear with three compartments. Paclitaxel in
--    its clinical vehicle (Cremophor EL) is NON-linear: the vehicle's micelles trap the
--    drug in plasma, so Cmax and AUC rise more than dose-proportionally after 3 h
--    infusions (Taxol US label, Clinical Pharmacology: a 30 % dose increase raised AUC by
--    89 % for 3 h, proportionally for 24 h infusions). The linear model below reproduces
--    the label's mean clearance, volume and terminal half-life; it is exact for drug
--    without the vehicle (as carried by vesicles) only as far as the vehicle-free
--    disposition resembles the label's. Free "Taxol" doses in mouse studies carry the
--    vehicle too: expect the model to underpredict their AUC at high doses.
--  * Protein binding 89-98 % (label). The engine has no unbound fraction: ps_free, k_in
--    and the IC50s in the tumour files act on total drug, as for doxorubicin.
--  * Cells. Paclitaxel enters by diffusion, binds tubulin (retained) and is a P-gp
--    substrate (MCF-7/Dox cells are 109-fold cross-resistant to paclitaxel: Iseri OD et
--    al., Int J Hematol Oncol (UHOD)); the engine's uptake/efflux/P-gp terms apply.
--  * Heart. Paclitaxel causes bradycardia and arrhythmias during infusion, not the
--    cumulative-dose cardiomyopathy of anthracyclines: no dose-risk table (chf_risk).
--
-- Reference linear model (70 kg = 1.8 m2; derived here from the label's non-compartmental
-- ranges): CL 32 L/h (17.7 L/h/m2), V1 20 L, Q2 100 L/h, V2 100 L, Q3 40 L/h, V3 600 L:
-- Vss 720 L (400 L/m2), half-lives 4.5 min, 1.7 h and 24.9 h (label: biphasic decline,
-- terminal 13.1-52.7 h, Vss 227-688 L/m2 after 24 h infusions, CL 12.2-23.8 L/h/m2).
-- The split into V1/V2/V3 is assumed (the label gives none). Mouse studies: allometric
-- scaling (docs/model.md §9.10) gives a 25 g mouse CL 0.084 L/h; mouse paclitaxel PK in
-- Cremophor is itself non-linear -- override with measured mouse values when available.
-- Entry format: data/README.md.
return {
  name = "paclitaxel",
  description = "Paclitaxel (dosed and carried as the neutral molecule)",
  class = "small_molecule",

  mw = { 853.91, "g/mol", grade = "S",
    source = "paclitaxel C47H51NO14: 47 x 12.011 + 51 x 1.008 + 14.007 + 14 x 15.999 = 853.91 g/mol (formula from PubChem CID 36314, background knowledge; the arithmetic is checked here)" },

  mw_dosed = { 853.91, "g/mol", grade = "S",
    source = "paclitaxel is dosed as the neutral molecule (no salt), so the dosed and carried forms are the same (docs/model.md §9.11)" },

  reference_weight = { 70, "kg", grade = "W",
    source = "the label's parameters are per m2; taken per 1.8 m2 as a 70 kg adult, as for doxorubicin (Kontny 2013)" },

  cl = { 32, "L/h", grade = "M", flag = "✔", range = { 22, 43 },
    source = "Taxol (paclitaxel) US label, Clinical Pharmacology, phase 3 study in ovarian cancer (read in a reproduced copy of the label text): total body clearance 12.2-23.8 L/h/m2 after 3 h and 24 h infusions of 135-175 mg/m2; 17.7 L/h/m2 (135 mg/m2, 3 h) x 1.8 m2 = 32 L/h; range = the label's range x 1.8 m2. Non-linear after short infusions (header)" },

  v1 = { 20, "L", grade = "assumed", range = { 10, 60 },
    source = "assumed: the label gives no central volume; 20 L makes the distribution half-life 4.5 min with q2 and the initial rapid decline of the label's biphasic curve" },

  q2 = { 100, "L/h", grade = "assumed", range = { 30, 300 },
    source = "assumed: fast distribution (half-life 1.7 h with v2), the label's 'initial rapid decline representing distribution to the peripheral compartment'" },

  v2 = { 100, "L", grade = "assumed", range = { 30, 300 },
    source = "assumed: the fast peripheral compartment; with v1 and v3 the steady-state volume is 720 L = 400 L/m2, inside the label's 227-688 L/m2" },

  q3 = { 40, "L/h", grade = "assumed", range = { 10, 100 },
    source = "assumed: slow exchange with deep tissue, set with v3 so that the terminal half-life is 24.9 h, inside the label's 13.1-52.7 h ('relatively slow efflux of paclitaxel from the peripheral compartment')" },

  v3 = { 600, "L", grade = "W", flag = "✔", range = { 300, 1100 },
    source = "Taxol US label (reproduced copy): apparent volume of distribution at steady state 227-688 L/m2 after 24 h infusions, 'extensive extravascular distribution and/or tissue binding'; 400 L/m2 x 1.8 m2 = 720 L = v1 + v2 + v3, so v3 = 600 L; range from the label's Vss range" },

  kp_heart = { 5, "1", grade = "assumed", range = { 1, 20 },
    source = "assumed: paclitaxel is lipophilic and highly tissue-bound (Vss 10x body water, label), so heart tissue holds several times the plasma concentration; no measured heart:plasma ratio was found. Only the heart AUC metric uses it" },

  k_leak_lumen = { 0.05, "1/h", grade = "assumed", range = { 0.005, 0.3 },
    source = "assumed: a hydrophobic drug crosses the vesicle bilayer, like DOX (0.06 /h, Harashima H et al. 1999, J Control Release 61:93-106, doi 10.1016/S0168-3659(99)00110-8); exosomal paclitaxel release in buffer is sustained over days (Kim MS et al. 2016, Nanomedicine 12:655-664, PMC4809755: 'sustained drug release'; the curve was not read for a rate)" },

  k_leak_membrane = { 0.2, "1/h", grade = "assumed", range = { 0.02, 1 },
    source = "assumed: sonication puts a hydrophobic drug mostly in the bilayer; plasma albumin and lipoproteins extract it within hours (t1/2 ~3.5 h), slower than DOX on membranes (0.6 /h) because paclitaxel partitions into lipid (logP about 3, background knowledge)" },

  f_rd = { 0.9, "1", grade = "assumed", range = { 0.7, 1 },
    source = "assumed as doxorubicin (docs/model.md §3: about 1 for a small molecule); hepatic CYP2C8/3A4 metabolism of drug released in liver macrophages is left in the 10 %" },

  f_esc = { 0.8, "1", grade = "assumed", range = { 0.5, 1 },
    source = "assumed as doxorubicin (docs/model.md §9.6: about 0.8 for a small molecule): a lipophilic molecule crosses endosomal membranes" },

  ps_free = { 5, "1/h", grade = "assumed", range = { 1, 30 },
    source = "assumed as doxorubicin: free-drug tumour exchange (L/h per L tumour) limited by tumour blood flow; protein binding (89-98 %, label) would slow it (lower end of the range)" },

  k_in = { 5, "1/h", grade = "assumed", range = { 1, 20 },
    source = "assumed as doxorubicin: passive uptake of a lipophilic drug reaches a plateau within 1-2 h in culture" },

  k_out = { 0.5, "1/h", grade = "assumed", range = { 0.1, 2 },
    source = "assumed as doxorubicin: with k_in 5 /h cells hold about 10x the interstitial concentration, here through tubulin binding" },

  k_vexp = { 0, "1/h", grade = "assumed", range = { 0, 0.1 },
    source = "assumed 0: vesicular export is documented for DOX (Shedden K et al. 2003), not for paclitaxel; chemotherapy including paclitaxel raises exosome release (Wang J ... Au JL-S 2017, J Control Release 268:147-158), which the tumour's stress_gain carries" },

  km_pgp = { 1500, "nmol/L", grade = "assumed", range = { 300, 5000 },
    source = "assumed as doxorubicin (daunorubicin P-gp Km 1.5 uM, FEBS Lett 1994, doi 10.1016/0014-5793(94)00447-1): no paclitaxel P-gp Km was found; the wide range covers reported transporter affinities of hydrophobic substrates" },

  resistant_accumulation = { 0.2, "1", grade = "assumed", range = { 0.05, 0.5 },
    source = "assumed as doxorubicin (Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497: 19 % accumulation in MDR1 cells): paclitaxel is a P-gp substrate, and MCF-7/Dox cells are 109-fold cross-resistant to it (Iseri OD et al., UHOD), which at this library's mcf7_adr rho of 6 would need an accumulation of 6/109 = 0.06 (the lower end of the range)" },

  hill = { 1, "1", grade = "assumed", range = { 0.5, 3 },
    source = "assumed as doxorubicin: Hill coefficient 1 (docs/model.md §9.1). Paclitaxel's in-vitro kill plateaus above about 50 nM (Liebmann JE et al. 1993, Br J Cancer 68:1104-1109, PMC1968657), i.e. a steep, saturating curve: a larger Hill coefficient is plausible" },

  kmax = { 0.03, "1/h", grade = "assumed", range = { 0.01, 0.1 },
    source = "assumed: paclitaxel kills cells that enter mitosis (arrest, then death), so the population's maximal kill is below the DOX value 0.05 /h (Simeoni k2 order; Simeoni M et al. 2004, Cancer Res 64:1094-1101 fitted paclitaxel in A2780 xenografts); 0.03 /h. Calibrate to a paclitaxel xenograft dataset" },

  k_a_ip = { 1.0, "1/h", grade = "assumed", range = { 0.3, 5 },
    source = "assumed as doxorubicin (docs/model.md §2: ip absorption constants are assumed until sourced); mouse paclitaxel studies often dose ip" },
}
