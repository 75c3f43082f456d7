-- iRGD (CRGDKGPDC), a tumour-homing and tumour-penetrating cyclic peptide, displayed on
-- the vesicle surface (e.g. fused to Lamp2b in the producer cells: Tian Y et al. 2014,
-- Biomaterials 35:2383-2390, doi 10.1016/j.biomaterials.2013.11.083). Mechanism (CendR):
-- the RGD motif binds alpha-v integrins on tumour vessels and tumour cells, the peptide
-- is cleaved to CRGDK, whose C-terminal R/KXXR/K motif binds neuropilin-1 and triggers
-- an endocytotic/transcytotic transport into and through the tumour tissue (Sugahara KN
-- et al. 2009, Cancer Cell 16:510-520, doi 10.1016/j.ccr.2009.10.013; Sugahara KN et al.
-- 2010, Science 328:1031-1035, doi 10.1126/science.1183057). So it acts on tumour
-- extravasation/penetration (ps_tum) first, and on tumour-cell uptake.
--
-- No study measured these multipliers for iRGD-displaying exosomes: Tian 2014 reports
-- selective DOX delivery to alpha-v-positive MDA-MB-231 tumours and growth inhibition,
-- qualitatively. The gains here are the library's targeting multiplier 2 (range 1-3,
-- grade W: qualitative gains only), put where the mechanism acts.
-- Multipliers act on the carrier's constants (docs/model.md, "Targeting"); the tumour
-- ones only when the tumour model lists every receptor below. Entry format: data/README.md.
return {
  name = "irgd",
  description = "iRGD tumour-penetrating peptide (alpha-v integrin, then neuropilin-1; CendR)",

  receptors = { "integrin_av", "nrp1", grade = "S", flag = "◐",
    source = "iRGD binds alpha-v integrins (alpha-v beta-3, alpha-v beta-5) and, once cleaved to CRGDK, neuropilin-1, which triggers the tissue penetration (Sugahara KN et al. 2009, Cancer Cell 16:510-520, doi 10.1016/j.ccr.2009.10.013; Sugahara KN et al. 2010, Science 328:1031-1035, doi 10.1126/science.1183057; read through the review Kang S et al. 2020, Polymers 12:1906, doi 10.3390/polym12091906, PMC7563641). Both are needed: the integrin step homes the peptide, the NRP1 step opens the tissue" },

  ps_tum_multiplier = { 2, "1", grade = "W", flag = "✱", range = { 1, 3 },
    source = "tumour extravasation and penetration, the CendR step (Sugahara 2009, Cancer Cell 16:510-520, doi 10.1016/j.ccr.2009.10.013). Targeting multiplier 2 (1-3, W) from qualitative gains of ligand-displaying exosomes (Tian Y et al. 2014, Biomaterials 35:2383-2390, doi 10.1016/j.biomaterials.2013.11.083: iRGD-Lamp2b exosomes carried DOX selectively to alpha-v-positive MDA-MB-231 tumours; no %ID given). Co-administered free iRGD raised the tumour accumulation of drugs and nanoparticles several-fold, up to about 40-fold for an antibody, and the combination matched a 3-fold higher drug dose (Sugahara KN et al. 2010, Science 328:1031-1035, doi 10.1126/science.1183057; fold values read through a summary, ✱): an upper bound for a displayed peptide, not a value for it" },

  k_int_multiplier = { 2, "1", grade = "W", range = { 1, 3 },
    source = "tumour-cell uptake: iRGD-exosomes were taken up by alpha-v-positive MDA-MB-231 cells more than blank exosomes (Tian Y et al. 2014, Biomaterials 35:2383-2390, doi 10.1016/j.biomaterials.2013.11.083; qualitative, no fold given); targeting multiplier 2 (1-3, W, qualitative gains only)" },

  k_ip_multiplier = { 0.5, "1", grade = "assumed", range = { 0.33, 1 },
    source = "assumed: bound vesicles are retained, so washout back to plasma slows by the same factor as uptake rises (the model's convention k_ip / (1 + g_tgt), docs/model.md §2); no measured retention for iRGD vesicles. 1 = no retention" },

  mps_multiplier = { 1, "1", grade = "assumed", range = { 1, 1.5 },
    source = "assumed: no published evidence that displaying iRGD changes liver/spleen uptake of exosomes (Tian 2014 reported tumour selectivity, not MPS clearance); a short peptide may add some opsonisation, hence the range up to 1.5" },
}
