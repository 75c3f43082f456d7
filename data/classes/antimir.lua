-- Class defaults of the anti-miR agents (class "antimir"): the oligonucleotide
-- kinetics every LNA anti-miR shares. An agent file (agents/antimir_*.lua) gives its
-- miRNA (k_mirna, mirna_copies) and shares; the loader merges these entries under it,
-- and a value the agent file gives itself wins. docs/model.md §3, §4.
--
-- What the engine does with it (docs/model.md §4): free anti-miR in plasma (volume v1) is
-- barely touched by nucleases (k_nuc, LNA/phosphorothioate) and leaves plasma through
-- cl_renal (which here lumps renal filtration AND tissue uptake, see below); it
-- exchanges with the tumour interstitium (ps_free) and enters tumour cells slowly on
-- its own (k_gymnotic). Anti-miR carried by vesicles reaches the cytosol through
-- endosomal escape (f_esc) and persists (k_cyto, plus dilution by division). There it
-- binds its miRNA M essentially irreversibly:
--   miRNA lost at k_bind * A * M (A = free anti-miR molecules per cell), made and lost
--   at k_mirna around the baseline mirna_copies; activity a = M / mirna_copies.
-- The miRNA carries `share` of the resistant cells' (rho - 1) and `share_transfer`
-- of the exosomal transfer rate tau: rho_eff - 1 = (rho - 1)(1 - share (1 - a)),
-- tau_eff = tau (1 - share_transfer (1 - a)).
--
-- No kinetic constants for these miRNAs were found (a gap); the
-- numbers below are the anti-miR class values (Elmén 2008, Krützfeldt 2005, miravirsen),
-- the miRNA turnover of Kingston & Bartel 2019, and assumptions.
--
-- Calibration of k_bind (assumed) against the anchors
-- (de-repression within ~24 h, Elmen 2008; effect 14-28 d,
-- Elmen 2008, Kruetzfeldt 2005). A stand-alone simulation of the equations above
-- (anti-miR delivered with the msc carrier's tumour kinetics k_int 0.05 /h, k_ip
-- 0.02 /h, k_proc 0.5 /h; growth dilution 0.1 /d; k_mirna ln2/24 h; k_cyto ln2/30 d)
-- gives, with k_bind = 1e-3 per molecule per cell per h, for A0 = cytosolic anti-miR
-- delivered per cell in multiples of the miRNA copies M0:
--   A0 = 1 x M0 -> activity falls only to ~0.5 (each anti-miR removes one miRNA and
--                  miRNA is re-made at k_mirna M0, so one equivalent is used up in a day)
--   A0 = 3 x    -> a < 0.5 from 5-6 h, for ~4 d
--   A0 = 10 x   -> from 2-3 h, for ~9 d
--   A0 = 30 x   -> ~16 d;  A0 = 100 x -> ~25 d
-- so onset (hours; the 24 h of Elmen is set by delivery and the target mRNAs' own
-- response) is never limiting once A0 >= ~3 x M0, and the 14-28 d of the anchor
-- correspond to a 30-100-fold molar excess -- what mg/kg LNA doses reach in liver.
-- The result is insensitive to k_bind from 1e-4 to 1e-1 once k_bind M0 >= ~0.1 /h;
-- 1e-3 is the middle of that span on a log scale and keeps the ODEs moderately stiff
-- (k_bind A stays below ~100 /h). With exosomal delivery (tens of anti-miR per cell
-- per dose, see agents/sirna_abcb1.lua) the excess over a miRNA with hundreds to thousands
-- of copies is small: expect brief, partial de-repression -- a finding, not a bug.
-- Entry format: data/README.md.
return {
  name = "antimir",
  description = "anti-miR class defaults: plasma, vesicle, uptake and binding kinetics shared by the LNA anti-miR agents",

  mw = { 5350, "g/mol", grade = "derived", range = { 5000, 5800 },
    source = "derived: a 16-mer LNA/DNA phosphorothioate anti-miR (the 16-nt format of Elmén J et al. 2008, Nucleic Acids Res 36:1153-1162, doi 10.1093/nar/gkm1113): about 325 g/mol per phosphorothioate DNA residue (DNA ~309 + 16 for S), +28 per LNA residue (2'-O,4'-C-methylene; ~8 of 16), -78 for the ends => ~5,350 g/mol as the free acid; the sodium salt adds ~22 per linkage (~5,680). Sequence- and design-dependent: range 5,000-5,800" },

  mw_dosed = { 5350, "g/mol", grade = "derived", range = { 5000, 5800 },
    source = "chosen equal to mw (free acid); oligonucleotides are usually supplied as sodium salts (+6 %), and papers rarely say which form their mg/kg refers to" },

  reference_weight = { 0.025, "kg", grade = "S",
    source = "mouse values (the 25 g reference mouse, species/mouse.lua); v1 and cl_renal hold at 25 g and scale with BW and BW^0.75" },

  v1 = { 0.001, "L", grade = "M", range = { 0.0009, 0.00125 },
    source = "plasma volume of the 25 g reference mouse, 0.04 L/kg x 0.025 kg = 1.0 mL (species/mouse.lua; mouse plasma 0.9-1.25 mL, Davies B, Morris T 1993, Pharm Res 10:1093): free anti-miR as it circulates, before tissue uptake (which cl_renal represents)" },

  k_nuc = { 0.00096, "1/h", grade = "W", range = { 0.0001, 0.01 },
    source = "LNA/phosphorothioate anti-miRs are nuclease resistant: set to the tissue elimination rate, t1/2 30 d (anti-miR tissue t1/2 30 d, miravirsen in humans, via a secondary summary of its PK, ◐), ln2/720 h; range assumed" },

  cl_renal = { 0.00277, "L/h", grade = "W", flag = "✔", range = { 0.00208, 0.00416 },
    source = "set so that free anti-miR leaves plasma with the distribution t1/2 of LNA anti-miR-122 (miravirsen), 15 min (10-20 min, cynomolgus monkey, Nucleic Acid Ther 2012;22:152; mainly to kidney and liver): ln2/0.25 h x v1 1 mL = 2.77 mL/h at 25 g (range = t1/2 20-10 min). The engine has no tissue sink for free RNA, so this constant lumps renal filtration and uptake by kidney and liver: anti-miR taken up there is lost to the tumour. Monkey t1/2 used for the mouse, scaled only through v1" },

  k_leak_lumen = { 0.001, "1/h", grade = "assumed", range = { 0.0001, 0.01 },
    source = "assumed, as the siRNAs: an oligonucleotide does not cross lipid membranes; it leaves the lumen only when vesicles are damaged or fuse (t1/2 ~29 d)" },

  k_leak_membrane = { 0.1, "1/h", grade = "assumed", range = { 0.01, 1 },
    source = "assumed, as the siRNAs: oligonucleotide bound to the outside of vesicles (or co-pelleted aggregates, Kooijmans SAA et al. 2013, J Control Release 172:229-238) is stripped off by plasma proteins in hours (t1/2 ~7 h). Phosphorothioates bind plasma proteins avidly, so the upper end of the range is plausible" },

  f_rd = { 0, "1", grade = "assumed", range = { 0, 0.1 },
    source = "docs/model.md §3: about 0 for RNA cargo: anti-miR released from vesicles degraded in tissue and macrophages stays in those cells (LNA oligos accumulate in liver and kidney) rather than returning to plasma" },

  f_esc = { 0.015, "1", grade = "M", flag = "✔", range = { 0.005, 0.05 },
    source = "endosomal escape of siRNA/anti-miR 0.015 (1-2 %, Gilleron J et al. 2013, Nat Biotechnol 31:638-646, doi 10.1038/nbt.2612, LNP); W for EVs, range 0.005-0.05; docs/model.md §9.6" },

  ps_free = { 1, "1/h", grade = "assumed", range = { 0.1, 5 },
    source = "assumed: free anti-miR exchange with the tumour interstitium (L/h per L tumour); a 5 kDa single strand crosses tumour capillaries faster than a 13 kDa siRNA duplex (0.5 /h) and slower than a small molecule (doxorubicin 5 /h). Plasma protein binding of phosphorothioates slows it further (lower end of the range)" },

  k_a_ip = { 0.5, "1/h", grade = "assumed", range = { 0.1, 2 },
    source = "assumed (docs/model.md §2: ip absorption constants are assumed until sourced): oligonucleotides given ip are absorbed over hours through the peritoneal membrane and lymph (t1/2 ~1.4 h)" },

  k_gymnotic = { 0.01, "1/h", grade = "assumed", range = { 0.001, 0.05 },
    source = "assumed: productive free ('gymnotic') uptake of LNA oligonucleotides by tumour cells from the interstitium; it works but needs micromolar concentrations for days in culture (background knowledge of gymnosis, not checked), so the rate constant is small: 1 % per h of the interstitial concentration, referred to the cell volume like k_in" },

  k_cyto = { 0.00096, "1/h", grade = "W", flag = "◐", range = { 0.00096, 0.0021 },
    source = "anti-miR tissue t1/2 30 d (miravirsen, secondary source; range 14-30 d) => ln2/720 h; the engine adds dilution by division, which dominates in a tumour growing at 0.1 /d (0.0042 /h)" },

  k_bind = { 0.001, "1/h", grade = "assumed", range = { 0.0001, 0.01 },
    source = "assumed, calibrated to the onset (de-repression within 24 h, Elmén J et al. 2008, Nucleic Acids Res 36:1153-1162, doi 10.1093/nar/gkm1113): and duration (14-28 d, Elmen 2008; Krützfeldt J et al. 2005, Nature 438:685-689, doi 10.1038/nature04303) anchors: miRNA binding per free anti-miR molecule per cell per h. Onset is met for any k_bind >= 1e-4 at a 3-fold molar excess, and the duration is set by the molar excess (30-100x for 14-28 d) and anti-miR persistence, not by k_bind; table in the file header. 1e-3 corresponds to ~1e5 /M/s in a 0.7 pL cell, below solution hybridisation (1e6-1e7 /M/s, background knowledge) to allow for anti-miR held in compartments away from Argonaute-bound miRNA. Heteroduplex anti-miRs bind ~12x better " },
}
