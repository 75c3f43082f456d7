-- miR-34a mimic (hsa-miR-34a-5p duplex), class "mirna_mimic". docs/model.md §3, §4.
--
-- Biology: miR-34a is a tumour-suppressor miRNA induced by p53 (He L et al. 2007,
-- Nature 447:1130-1134, doi 10.1038/nature05939; recalled, not checked) that represses
-- BCL2, SIRT1 and NOTCH1. Co-delivered with doxorubicin in hyaluronic-acid-chitosan
-- nanoparticles to triple-negative breast cancer cells and tumours, miR-34a enhanced
-- the anti-tumour effect of DOX by suppressing the non-pump resistance protein Bcl-2
-- and inhibited migration through Notch-1 (Deng X et al. 2014, Biomaterials
-- 35:4333-4344, doi 10.1016/j.biomaterials.2014.02.006; abstract read).
--
-- In the model: acts_on = "resistance", resistance_of = "doxorubicin": the raised
-- miR-34a activity a lowers the resistant cells' extra EC50 shift for DOX,
-- rho_eff - 1 = (rho - 1)(1 - share u/(ea50 + u)), u = a - 1 (classes/mirna_mimic.lua).
-- Bcl-2 is a non-pump mechanism, so P-gp (pgp_resistant) is left alone.
-- Entry format: data/README.md.
return {
  name = "mir34a_mimic",
  description = "miR-34a mimic: raises miR-34a, which represses BCL2 and lowers doxorubicin resistance",
  class = "mirna_mimic",
  acts_on = "resistance",
  resistance_of = "doxorubicin",
  target = "miR-34a",

  mirna_copies = { 300, "1", grade = "assumed", range = { 30, 3000 },
    source = "assumed: endogenous miR-34a copies per cell. miR-34a is transcribed by p53 (He L et al. 2007, Nature 447:1130, recalled) and is low in p53-mutant triple-negative lines such as MDA-MB-231 (background knowledge, not checked); individual miRNAs range from ~10 to tens of thousands of copies per cell (background knowledge, not checked). Put below the library's default 1,000; wide range" },

  share = { 0.3, "1", grade = "assumed", range = { 0.1, 0.6 },
    source = "assumed: the share of the resistant cells' extra DOX EC50 shift (rho - 1) that miR-34a's targets (Bcl-2 above all) carry. Restoring miR-34a enhanced DOX against TNBC cells and tumours by suppressing Bcl-2 (Deng X et al. 2014, Biomaterials 35:4333, doi 10.1016/j.biomaterials.2014.02.006, abstract read), but DOX resistance also runs through P-gp, GSTP1 and other miRNAs (docs/model.md, 'Biology'); no quantitative value was found, hence a minor share" },
}
