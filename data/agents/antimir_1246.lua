-- LNA anti-miR against miR-1246, class "antimir". docs/model.md §3, §4; docs/model.md, 'Biology'
-- (pro-survival cargo: miR-1246 promotes resistance to docetaxel, epirubicin and
-- gemcitabine through Cyclin-G2, CCNG2; Li XJ 2017 Cell Physiol Biochem).
--
-- The class values (plasma, vesicle and uptake kinetics, k_bind and its calibration)
-- are in classes/antimir.lua; this file gives the miRNA and its shares, and may
-- override any class value.
-- Entry format: data/README.md.
return {
  name = "antimir_1246",
  description = "LNA anti-miR against miR-1246: blocks an exosomal miRNA of docetaxel/epirubicin/gemcitabine resistance (CCNG2)",
  class = "antimir",
  target = "miR-1246",

  k_mirna = { 0.029, "1/h", grade = "M", flag = "✔", range = { 0.020, 0.063 },
    source = "miRNA turnover: median guide-strand half-lives 11 h (mouse ES cells) to 34 h (contact-inhibited fibroblasts), varying 100-fold between miRNAs (Kingston ER, Bartel DP 2019 Genome Res 29:1777, abstract read; metabolic labelling of 176-182 miRNAs) => t1/2 24 h, ln2/24 = 0.029 /h; range = the two medians. No miR-1246-specific value" },

  mirna_copies = { 1000, "1", grade = "assumed", range = { 100, 10000 },
    source = "assumed: miR-1246 copies per cell at baseline; it is one of the miRNAs most enriched in tumour exosomes, but its cellular abundance in breast-cancer lines was not found; individual miRNAs range from ~10 to tens of thousands of copies per cell (background knowledge, not checked). Wide range" },

  share = { 0.2, "1", grade = "assumed", range = { 0.05, 0.5 },
    source = "assumed: the share of the resistant cells' (rho - 1) carried by miR-1246, which promotes resistance to docetaxel, epirubicin and gemcitabine by repressing Cyclin-G2 (Li XJ 2017 Cell Physiol Biochem, ✱); one of ~22 miRNAs co-up-regulated in resistant MDA-MB-231 sublines and their exosomes (Zhong 2016 Oncotarget 7:19601, ✔). It acts on several drugs, so it is one of the few miRNA shares that applies equally to DOX and gemcitabine through the tumour-wide rho. No quantitative value published" },

  share_transfer = { 0.2, "1", grade = "assumed", range = { 0.05, 0.5 },
    source = "assumed: the share of exosome-mediated S->R transfer (tau) carried by miR-1246: an exosome-enriched miRNA that transmits resistance (Li 2017, ✱), among P-gp, miR-222, miR-155 and ANXA6 (docs/model.md, 'Biology')" },
}
