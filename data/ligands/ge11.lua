-- GE11 (YHWYGYTPQNVI), a 12-residue EGFR-binding peptide found by phage display: it binds
-- EGFR without the mitogenic activity of EGF and is internalised by EGFR-high cells (Li Z
-- et al. 2005, FASEB J 19:1978-1985, doi 10.1096/fj.05-4058fje). Displayed on exosomes
-- through the PDGFR transmembrane domain, GE11 exosomes delivered let-7a miRNA to
-- EGFR-expressing HCC70 breast-cancer xenografts after IV injection (Ohno S et al. 2013,
-- Mol Ther 21:185-191, doi 10.1038/mt.2012.180). EGFR binding acts after extravasation:
-- on tumour-cell uptake (and retention), not on the vessel wall.
-- Multipliers act on the carrier's constants (docs/model.md, "Targeting"); the tumour
-- ones only when the tumour model lists egfr. Entry format: data/README.md.
return {
  name = "ge11",
  description = "GE11 EGFR-binding peptide (Ohno 2013 exosomes)",

  receptors = { "egfr", grade = "S", flag = "✱",
    source = "GE11 binds EGFR and is internalised by EGFR-overexpressing cells, not by EGFR-low ones (Li Z et al. 2005, FASEB J 19:1978-1985, doi 10.1096/fj.05-4058fje; recalled, not checked); GE11 exosomes bound EGFR-expressing cells (Ohno S et al. 2013, Mol Ther 21:185-191, doi 10.1038/mt.2012.180)" },

  k_int_multiplier = { 2, "1", grade = "W", range = { 1, 3 },
    source = "tumour-cell uptake: GE11 exosomes bound and entered EGFR-positive HCC70 cells and reached HCC70 xenografts more than control exosomes (Ohno S et al. 2013, Mol Ther 21:185-191, doi 10.1038/mt.2012.180; qualitative); EV binding to tumour cells rose with EGFR density for anti-EGFR nanobody EVs (Kooijmans SAA et al. 2016, J Extracell Vesicles 5:31053). Targeting multiplier 2 (1-3, W, qualitative gains only)" },

  k_ip_multiplier = { 0.5, "1", grade = "assumed", range = { 0.33, 1 },
    source = "assumed: EGFR-bound vesicles are retained, so washout back to plasma slows by the same factor as uptake rises (the model's convention k_ip / (1 + g_tgt), docs/model.md §2); no measured retention. 1 = no retention" },

  ps_tum_multiplier = { 1, "1", grade = "assumed", range = { 1, 1.5 },
    source = "assumed: GE11 has no vessel-penetrating (CendR) motif and EGFR sits on the tumour cells, behind the vessel wall, so extravasation is unchanged; range up to 1.5 for binding to EGFR on tumour cells lining leaky vessels (no measurement)" },

  mps_multiplier = { 1, "1", grade = "assumed", range = { 1, 1.5 },
    source = "assumed: no published MPS uptake change for GE11 exosomes (Ohno 2013 reports tumour accumulation, not liver/spleen kinetics); range up to 1.5 for opsonisation of the displayed peptide" },
}
