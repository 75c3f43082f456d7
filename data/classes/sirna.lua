-- Class defaults of the siRNA agents (class "sirna"): the RNA kinetics every siRNA
-- shares. An agent file (agents/sirna_*.lua) gives its target turnover, acts_on and
-- share; the loader merges these entries under it, and a value the agent file gives
-- itself wins. docs/model.md §3, §4.
--
-- What the engine does with it (docs/model.md §4): free siRNA in plasma (volume v1) is
-- degraded by nucleases (k_nuc) and filtered (cl_renal), exchanges with the tumour
-- interstitium (ps_free) and never enters cells by itself. Only siRNA carried by
-- vesicles into tumour-cell endosomes and released (f_esc) reaches the cytosol, where
-- it is lost (k_cyto) or loaded into RISC (k_risc). Loaded RISC R (molecules per cell)
-- is lost at k_risc_deg and diluted by division, and cleaves the target mRNA m:
--   dm = k_mrna (1 - m) - k_mrna imax R / (ic50_risc + R) m,   dp = k_protein (m - p)
--
-- Calibration of the two constants the literature does not give (k_risc, ic50_risc),
-- against the anchors (a single effective
-- dose in a dividing tumour knocks down for about 7-10 d, range 5-14 d; Bartlett &
-- Davis 2006) and the single-cell dose-response of a Lund University study (Nat Commun 2023,
-- doi 10.1038/s41467-023-36752-1: knockdown induction, depth and duration rise over several
-- hundred to thousands of cytosolic siRNA molecules per cell). A stand-alone
-- simulation of exactly the equations above (vesicles processed in the tumour with
-- the msc carrier's k_int 0.05 /h, k_ip 0.02 /h, k_proc 0.5 /h; growth dilution
-- 0.1 /d, the mda_mb_231 rate; generic target mRNA t1/2 9 h, protein t1/2 46 h) with
-- k_risc = 0.02 /h and ic50_risc = 200 gives, for the cytosolic siRNA delivered per
-- cell by one dose:
--      300 -> protein nadir 0.40, below 50 % for 3.4 d
--    1,000 -> nadir 0.29, 5.2 d          5,000 -> nadir 0.19, 7.0 d
--   10,000 -> nadir 0.16, 7.6 d          (onset: protein below 50 % after 2-3 d)
-- and, for cells dividing daily as in Bartlett's cultures, 4.6 d at 3,000 copies
-- (Bartlett: recovery within a week in fast-dividing cells). So "an effective dose"
-- = a few thousand cytosolic copies per cell gives the 7-10 d of the anchor.
-- Reality check the model makes visible: one dose of 2e11 MSC vesicles carrying
-- ~200 siRNA each puts only ~10 vesicles into each of the 1e8 cells of a 100 mm3
-- tumour (0.7 %ID) => ~2,000 siRNA in endosomes and, by hand, ~30 in the
-- cytosol (f_esc 0.015) if all escaped at once; the engine, with the surface-bound
-- siRNA lost in plasma and the cytosolic pool turning over, gives a peak of ~7 per
-- cell (metric cytosolic_copies_per_cell_max): far below an effective dose.
-- Entry format: data/README.md.
return {
  name = "sirna",
  description = "siRNA class defaults: plasma, vesicle, endosomal-escape and RISC kinetics shared by the siRNA agents",

  mw = { 13300, "g/mol", grade = "derived",
    source = "derived: a 21-nt siRNA duplex (19 bp + 2-nt 3' overhangs), about 21 x 321.5 g/mol per ribonucleotide residue - 62 g/mol per strand (no terminal phosphate) = ~6,690 per strand, ~13,300-13,400 for the duplex as the free acid, the figure suppliers quote. Sequence-dependent by about +/- 2 %" },

  mw_dosed = { 13300, "g/mol", grade = "derived",
    source = "chosen equal to mw (free acid). siRNA is usually supplied as the sodium salt (~14,200 g/mol, +40 Na for the 40 phosphodiesters, +6.6 %); papers rarely say which form their mg/kg refers to, so the free acid is used for both and mass doses of siRNA are uncertain by about 7 %" },

  reference_weight = { 0.025, "kg", grade = "S",
    source = "mouse values (the 25 g reference mouse, species/mouse.lua); v1 and cl_renal hold at 25 g and scale with BW and BW^0.75" },

  v1 = { 0.001, "L", grade = "M", range = { 0.0009, 0.00125 },
    source = "plasma volume of the 25 g reference mouse, 0.04 L/kg x 0.025 kg = 1.0 mL (species/mouse.lua; mouse plasma 0.9-1.25 mL, Davies B, Morris T 1993, Pharm Res 10:1093): naked siRNA is taken to stay in plasma until it is degraded, filtered or reaches the tumour (docs/model.md §4)" },

  k_nuc = { 2, "1/h", grade = "assumed", range = { 0.5, 10 },
    source = "assumed: nuclease degradation of unmodified siRNA in plasma and interstitium (t1/2 ~21 min). Split of the naked-siRNA plasma t1/2 of 6 min (6 min, range 2-15 min, W, recalled Soutschek J et al. 2004, Nature (recalled, not checked)): total k = ln2/0.1 h = 6.9 /h = k_nuc 2 /h + cl_renal/v1 5 /h. Chemically stabilised siRNAs (2'-F/2'-OMe) would have k_nuc near 0: override" },

  cl_renal = { 0.005, "L/h", grade = "assumed", range = { 0.002, 0.012 },
    source = "assumed: renal filtration of free siRNA (13 kDa, far below the glomerular cut-off), 5 mL/h for the 25 g mouse = 5 /h with v1 1 mL; together with k_nuc gives the 6 min plasma t1/2 (naked siRNA plasma t1/2 about 6 min, 2-15 min; recalled from Soutschek J et al. 2004, Nature, not checked). About 60 % of a mouse GFR of roughly 0.14-0.25 mL/min (background knowledge, not checked); upper end of the range = the whole GFR" },

  k_leak_lumen = { 0.001, "1/h", grade = "assumed", range = { 0.0001, 0.01 },
    source = "assumed: RNA does not cross lipid membranes, so lumenal siRNA leaves a vesicle only when the vesicle is damaged or fuses (t1/2 ~29 d); far below DOX (0.06 /h, Harashima H et al. 1999, J Control Release 61:93-106, doi 10.1016/S0168-3659(99)00110-8): because DOX permeates membranes and siRNA does not. No measurement (is a gap for DOX too)" },

  k_leak_membrane = { 0.1, "1/h", grade = "assumed", range = { 0.01, 1 },
    source = "assumed: the membrane pool of an RNA is siRNA stuck to the outside of vesicles or co-pelleted aggregates (the electroporation artefact, Kooijmans SAA et al. 2013, J Control Release 172:229-238); it is exposed to plasma proteins and nucleases and leaves in hours (t1/2 ~7 h). Slower than DOX on membranes (0.6 /h) because a polyanion does not partition out of a bilayer, it is stripped off" },

  f_rd = { 0, "1", grade = "assumed", range = { 0, 0.1 },
    source = "docs/model.md §3: about 0 for RNA: siRNA released when vesicles are degraded in tissue and macrophage lysosomes is degraded with them, not returned to plasma intact" },

  f_esc = { 0.015, "1", grade = "M", flag = "✔", range = { 0.005, 0.05 },
    source = "endosomal escape 1-2 % of internalised siRNA (Gilleron J et al. 2013, Nat Biotechnol 31:638-646, doi 10.1038/nbt.2612, LNP-siRNA, gold-labelled EM), 0.015; M for LNP, W for EVs (EVs possibly 0.005-0.05, the range used); docs/model.md §9.6" },

  ps_free = { 0.5, "1/h", grade = "assumed", range = { 0.1, 5 },
    source = "assumed: free-siRNA exchange with the tumour interstitium (L/h per L tumour); a 13 kDa polyanion crosses tumour capillaries roughly 10x slower than a small molecule (doxorubicin 5 /h, flow-limited). Free siRNA in the interstitium does not enter cells (docs/model.md §4)" },

  k_a_ip = { 0.5, "1/h", grade = "assumed", range = { 0.1, 2 },
    source = "assumed (docs/model.md §2: ip absorption constants are assumed until sourced): free siRNA given ip reaches plasma through the peritoneal membrane and lymph, slower than a small molecule (DOX 1 /h); in practice it is mostly degraded first (k_nuc)" },

  k_cyto = { 0.029, "1/h", grade = "M", flag = "✔", range = { 0.0096, 0.029 },
    source = "cytosolic (intracellular) siRNA degradation 0.029 /h, t1/2 24 h (Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439,: Table 2, kdeginna; checked in the stored PMC1331994: Table 2); range t1/2 24-72 h (Bartlett Fig. 6 explores 24, 48, 72 h)" },

  k_risc = { 0.02, "1/h", grade = "assumed", range = { 0.005, 0.3 },
    source = "assumed, calibrated to the knockdown duration (7-10 d in a dividing tumour, Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439): together with ic50_risc: loading of cytosolic siRNA into RISC (t1/2 ~35 h), so that the cytosolic pool (t1/2 24 h) acts as a depot and about 40 % of it is loaded (0.02 / (0.02 + 0.029 + growth)). The Bartlett second-order association constant was not in the stored copy. Endogenous miRNA duplexes load in < 30 min (Kingston ER, Bartel DP 2019 Genome Res 29:1777, ✔ abstract) -- an upper bound; exogenous siRNA competes with miRNAs for Argonaute. Simulated durations in the file header" },

  k_risc_deg = { 0.077, "1/h", grade = "M", flag = "✔", range = { 0.035, 0.139 },
    source = "activated RISC degradation 0.077 /h, t1/2 9 h (Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439: Table 2, kdegRISC, estimated from their data; checked in the stored Table 2); range t1/2 5-20 h . Dilution by division is added by the engine" },

  ic50_risc = { 200, "1", grade = "assumed", range = { 50, 1000 },
    source = "assumed, calibrated: loaded RISC molecules per cell for half the maximal cleavage. Chosen with k_risc so that (a) a few thousand cytosolic siRNA per cell knock the target protein down below 50 % for about 7 d in a dividing tumour (Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439: ~10 d in s.c. tumours, < 1 week in fast-dividing cells) and (b) knockdown starts at several hundred cytosolic copies (Lund University study, Nat Commun 2023, doi 10.1038/s41467-023-36752-1, abstract: dose-response over several hundred to thousands of cytosolic siRNA molecules). Mechanistic reading: ic50_risc = kcleavage / (RISC-target association per molecule per cell) => association 0.036 /h per molecule, about 4e6 /M/s in a 0.7 pL cell, inside typical nucleic-acid hybridisation 1e6-1e7 /M/s (background knowledge). Because imax ~94, 50 % mRNA knockdown needs only R = ic50_risc/(imax - 1) ~ 2 loaded RISC per cell; the depth and duration then follow the RISC decay. Table in the file header" },
}
