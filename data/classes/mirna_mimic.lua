-- Class defaults of the miRNA-mimic agents (class "mirna_mimic"): the RNA kinetics
-- every synthetic miRNA duplex shares. An agent file (agents/*_mimic.lua) gives its
-- miRNA's endogenous copies (mirna_copies), what the miRNA's targets act on (acts_on,
-- share) and may override any value here; the loader merges these entries under it.
-- docs/model.md §3, §4.
--
-- What the engine does with it (docs/model.md §4, "mirna_mimic"): a mimic is a
-- 22-nt RNA duplex of the siRNA's size and charge, so outside cells it follows the
-- siRNA path: free mimic in plasma (volume v1) is degraded by nucleases (k_nuc) and
-- filtered (cl_renal), exchanges with the tumour interstitium (ps_free) and never
-- enters cells by itself. Mimic carried by vesicles into tumour-cell endosomes and
-- released (f_esc) reaches the cytosol, where it is lost at k_cyto, diluted by
-- division and lost with dying cells. Its Q copies per cell add to the M0 endogenous
-- copies of the same miRNA (mirna_copies), so the miRNA's activity is
--   a = 1 + Q / M0                      (1 without mimic; no upper bound on a)
-- and every target the miRNA represses falls with the raise u = a - 1, saturating:
--   X_eff = X (1 - share u / (ea50 + u))   (bounded: never below X (1 - share))
-- for the tumour parameter X the agent's acts_on names (pgp, resistance = rho - 1,
-- transfer, growth), with the level of the cells concerned (each population; the
-- viable mean for transfer).
--
-- Why no RISC-loading step as for the siRNA: endogenous miRNA duplexes load into
-- Argonaute in under 30 min (Kingston ER, Bartel DP 2019, Genome Res 29:1777), far
-- faster than delivery (hours); the loaded guide then turns over like a miRNA
-- (k_cyto below). Argonaute saturation is not modelled: exosomal doses deliver tens
-- of copies per cell (agents/sirna_abcb1.lua), far below the RISC content of a cell
-- (~7,600 per cell from Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322, Table 2:
-- 1.9e15 /L x 4e-12 L).
-- Entry format: data/README.md.
return {
  name = "mirna_mimic",
  description = "miRNA-mimic class defaults: plasma, vesicle, endosomal-escape and cytosolic kinetics shared by the mimic agents",

  mw = { 14000, "g/mol", grade = "derived", range = { 13300, 14500 },
    source = "derived: a 22-nt miRNA duplex (guide and passenger strand, 2-nt 3' overhangs), about 22 x 321.5 g/mol per ribonucleotide residue - 62 g/mol per strand = ~7,010 per strand, ~14,000 for the duplex as the free acid (the siRNA duplex of classes/sirna.lua, 21 nt, is 13,300). Modified commercial mimics differ by a few %" },

  mw_dosed = { 14000, "g/mol", grade = "derived", range = { 13300, 14900 },
    source = "chosen equal to mw (free acid); the sodium salt adds ~6.6 % and papers rarely say which form their mass refers to" },

  reference_weight = { 0.025, "kg", grade = "S",
    source = "mouse values (the 25 g reference mouse, species/mouse.lua); v1 and cl_renal hold at 25 g and scale with BW and BW^0.75" },

  v1 = { 0.001, "L", grade = "M", range = { 0.0009, 0.00125 },
    source = "as sirna: plasma volume of the 25 g reference mouse, 0.04 L/kg x 0.025 kg = 1.0 mL (species/mouse.lua; mouse plasma 0.9-1.25 mL, Davies B, Morris T 1993, Pharm Res 10:1093)" },

  k_nuc = { 2, "1/h", grade = "assumed", range = { 0.5, 10 },
    source = "assumed as sirna (an unmodified RNA duplex of the same size): nuclease degradation in plasma and interstitium, t1/2 ~21 min, the nuclease part of the naked-siRNA plasma t1/2 of 6 min (recalled from Soutschek J et al. 2004, Nature 432:173, not checked). Chemically stabilised mimics: override towards 0" },

  cl_renal = { 0.005, "L/h", grade = "assumed", range = { 0.002, 0.012 },
    source = "assumed as sirna: renal filtration of a 14 kDa duplex (far below the glomerular cut-off), 5 mL/h for the 25 g mouse; with k_nuc gives the 6 min naked-siRNA plasma t1/2 (recalled, Soutschek 2004)" },

  k_leak_lumen = { 0.001, "1/h", grade = "assumed", range = { 0.0001, 0.01 },
    source = "assumed as sirna: RNA does not cross lipid membranes, so lumenal mimic leaves a vesicle only when it is damaged or fuses (t1/2 ~29 d)" },

  k_leak_membrane = { 0.1, "1/h", grade = "assumed", range = { 0.01, 1 },
    source = "assumed as sirna: surface-bound duplex or co-pelleted aggregates (Kooijmans SAA et al. 2013, J Control Release 172:229-238) are stripped off by plasma proteins in hours (t1/2 ~7 h)" },

  f_rd = { 0, "1", grade = "assumed", range = { 0, 0.1 },
    source = "docs/model.md §3: about 0 for RNA cargo: mimic released from vesicles degraded in tissue and macrophage lysosomes is degraded with them" },

  f_esc = { 0.015, "1", grade = "M", flag = "✔", range = { 0.005, 0.05 },
    source = "as sirna: endosomal escape 1-2 % of internalised small RNA duplexes (Gilleron J et al. 2013, Nat Biotechnol 31:638-646, doi 10.1038/nbt.2612, LNP-siRNA), 0.015; M for LNP, W for EVs (range 0.005-0.05); docs/model.md §9.6" },

  ps_free = { 0.5, "1/h", grade = "assumed", range = { 0.1, 5 },
    source = "assumed as sirna: free-duplex exchange with the tumour interstitium (L/h per L tumour), ~10x slower than a small molecule (doxorubicin 5 /h); free mimic does not enter cells" },

  k_a_ip = { 0.5, "1/h", grade = "assumed", range = { 0.1, 2 },
    source = "assumed as sirna (docs/model.md §2: ip absorption constants are assumed until sourced): absorption over hours through the peritoneal membrane and lymph" },

  k_cyto = { 0.029, "1/h", grade = "M", flag = "✔", range = { 0.020, 0.063 },
    source = "loss of the delivered guide strand in the cytosol, taken as miRNA turnover: median guide-strand half-lives 11 h (mouse ES cells) to 34 h (contact-inhibited fibroblasts) (Kingston ER, Bartel DP 2019, Genome Res 29:1777-1790, doi 10.1101/gr.251421.119, abstract read) => t1/2 24 h, ln2/24 = 0.029 /h; range = the two medians. The same value as cytosolic siRNA (0.029 /h, Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, Table 2). Dilution by division is added by the engine" },

  ea50 = { 1, "1", grade = "assumed", range = { 0.3, 10 },
    source = "assumed: the activity raise u = a - 1 (mimic copies over endogenous copies) that gives half the maximal repression of the targets: a doubling of the miRNA's copies. Target repression by a miRNA rises with its concentration and saturates (Mukherji S et al. 2011, Nat Genet 43:854-859, doi 10.1038/ng.905: threshold-like, recalled, not checked); transfected mimics give near-maximal repression at 10-100-fold over-expression (background knowledge of mimic experiments), hence the range 0.3-10" },
}
