-- siRNA against ABCB1 (MDR1, P-glycoprotein), class "sirna". docs/model.md §3, §4.
--
-- What the engine does with it (docs/model.md §4): free siRNA in plasma (volume v1) is
-- degraded by nucleases (k_nuc) and filtered (cl_renal), exchanges with the tumour
-- interstitium (ps_free) and never enters cells by itself. Only siRNA carried by
-- vesicles into tumour-cell endosomes and released (f_esc) reaches the cytosol, where
-- it is lost (k_cyto) or loaded into RISC (k_risc). Loaded RISC R (molecules per cell)
-- is lost at k_risc_deg and diluted by division, and cleaves the target mRNA m:
--   dm = k_mrna (1 - m) - k_mrna imax R / (ic50_risc + R) m,   dp = k_protein (m - p)
-- acts_on = "pgp": the protein level p scales the cells' P-gp level,
--   P_eff = P (1 - share (1 - p)), share = 1 (P-gp IS the ABCB1 product),
-- so in the resistant cells (P_R = tumour.pgp_resistant) DOX efflux falls with p.
--
-- The RNA kinetics every siRNA shares (and the calibration of k_risc and ic50_risc)
-- are the class values in classes/sirna.lua; this file gives the target turnover,
-- acts_on and share, and may override any class value.
--
-- Checked with the engine itself (exopk simulate, one intratumoral dose of 1e11
-- pH-gradient-loaded vesicles into mda_mb_231, f_esc overridden to 0.01 / 0.05): peak
-- cytosolic siRNA ~2,100 / ~10,400 per cell -> knockdown_max_pct 77 / 84 %,
-- knockdown_duration 145 / 182 h (6.0 / 7.6 d).
-- At INTRAVENOUS doses far fewer copies arrive (metric
-- sirna_abcb1.cytosolic_copies_per_cell_max; 25 g mouse, 100 mm3 mda_mb_231, MSC
-- exosomes electroporated with 4,500 offered = 217 associated per vesicle): one dose
-- of 2e11 vesicles gives a peak of 7.2 cytosolic siRNA per cell (knockdown 15 %,
-- never below half), five doses every 3 d 7.5 (27 %), 1e12 vesicles 44 (40 %) --
-- single digits to tens, not the thousands a lasting knockdown needs
-- (data/README.md, "RNA at intravenous doses").
-- Entry format: data/README.md.
return {
  name = "sirna_abcb1",
  description = "siRNA against ABCB1 (MDR1 / P-glycoprotein): lowers P-gp in tumour cells",
  class = "sirna",
  acts_on = "pgp",
  target = "ABCB1",

  k_mrna = { 0.077, "1/h", grade = "W", flag = "✱", range = { 0.029, 2 },
    source = "no ABCB1-specific mRNA half-life found in the stored pages: generic target mRNA t1/2 9 h (Schwanhäusser B et al. 2011, Nature 473:337-342, doi 10.1038/nature10098 median, NIH3T3; the 9 h median checked via BioNumbers BNID 106378, which cites the paper) => ln2/9 h = 0.077 /h; range t1/2 0.35-24 h (2 /h = Bartlett's luciferase mRNA)" },

  k_protein = { 0.0151, "1/h", grade = "W", flag = "✱", range = { 0.0069, 0.35 },
    source = "no P-gp turnover in the stored pages: generic protein t1/2 46 h (Schwanhäusser B et al. 2011, Nature 473:337-342, doi 10.1038/nature10098 median, ✱) => ln2/46 h = 0.0151 /h; range t1/2 2-100 h . P-gp is a long-lived membrane glycoprotein (background knowledge: t1/2 of order a day or more), so the slow default is apt; it sets a 2-3 d delay before P-gp falls" },

  imax = { 93.5, "1", grade = "derived", range = { 10, 250 },
    source = "derived: maximal cleavage rate over mRNA turnover = RISC cleavage 7.2 /h (Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439: Table 2, kcleavage) / k_mrna 0.077 /h: with RISC in excess every target mRNA is cleaved at 7.2 /h. Recompute if k_mrna is changed (7.2/k_mrna). Range: 10 (maximal knockdown 90 %, typical of what is observed) to 250 (7.2 / ln2/24 h)" },

  share = { 1, "1", grade = "S",
    source = "P-gp is the product of ABCB1: the cells' whole P-gp level scales with the protein, X_eff = P (1 - 1 (1 - p)) = P p (docs/model.md §4: f = 1 for the P-gp level). In the model P-gp is the efflux pump of docs/model.md, 'Biology' 'transfer of efflux pumps' (Lv M et al. 2014, Tumour Biol 35:10773; Ning 2017) and Shen F et al. 2008, J Pharmacol Exp Ther 324:95-102, PMID 17947497" },
}
