-- LNA anti-miR against miR-155 (miR-155-5p), class "antimir". docs/model.md §3, §4;
-- docs/model.md, 'Biology' (EMT and stemness: miR-155 in DOX/paclitaxel resistance and EMT; exosomal
-- transfer of chemoresistance, Santos 2018; exosomal miR-155 changes under neoadjuvant
-- therapy, Stevic 2018).
--
-- The class values (plasma, vesicle and uptake kinetics, k_bind and its calibration)
-- are in classes/antimir.lua; this file gives the miRNA and its shares, and may
-- override any class value.
-- Entry format: data/README.md.
return {
  name = "antimir_155",
  description = "LNA anti-miR against miR-155: blocks an exosome-transferred miRNA of chemoresistance and EMT",
  class = "antimir",
  target = "miR-155",

  k_mirna = { 0.029, "1/h", grade = "M", flag = "✔", range = { 0.020, 0.063 },
    source = "miRNA turnover: median guide-strand half-lives 11 h (mouse ES cells) to 34 h (contact-inhibited fibroblasts), varying 100-fold between miRNAs (Kingston ER, Bartel DP 2019 Genome Res 29:1777, abstract read; metabolic labelling of 176-182 miRNAs) => t1/2 24 h, ln2/24 = 0.029 /h; range = the two medians. No miR-155-specific value" },

  mirna_copies = { 1000, "1", grade = "assumed", range = { 100, 5000 },
    source = "assumed: miR-155 copies per cell at baseline in the resistant breast-cancer cells that export it (Santos 2018); individual miRNAs range from ~10 to tens of thousands of copies per cell (background knowledge of absolute qPCR counts, not checked). Mid-abundance, as miR-222; the lower range end allows for lines where miR-155 is low" },

  share = { 0.2, "1", grade = "assumed", range = { 0.05, 0.5 },
    source = "assumed: the share of the resistant cells' (rho - 1) carried by miR-155, which confers DOX and paclitaxel resistance together with EMT (Santos JC 2018 Sci Rep, ✱; docs/model.md, 'Biology'), one of ~22 miRNAs co-up-regulated in resistant lines (Zhong S et al. 2016, Oncotarget 7:19601-19609, doi 10.18632/oncotarget.7481, ✔) next to P-gp, GSTP1 and ANXA6. No quantitative value published " },

  share_transfer = { 0.25, "1", grade = "assumed", range = { 0.05, 0.5 },
    source = "assumed: the share of exosome-mediated S->R transfer (tau) carried by miR-155: exosomal transfer of chemoresistance by miR-155 is shown directly (Santos 2018, ✱), so a larger share than of rho; P-gp, miR-222, miR-1246 and others carry the rest" },
}
