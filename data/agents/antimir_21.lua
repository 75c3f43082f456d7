-- LNA anti-miR against miR-21 (miR-21-5p), class "antimir". docs/model.md §3, §4;
-- docs/model.md, 'Biology'; (miR-21 linked to PTEN/PDCD4 and DOX/paclitaxel
-- resistance in breast cancer).
--
-- The class values (plasma, vesicle and uptake kinetics, k_bind and its calibration)
-- are in classes/antimir.lua; this file gives the miRNA and its shares, and may
-- override any class value.
-- Entry format: data/README.md.
return {
  name = "antimir_21",
  description = "LNA anti-miR against miR-21: an abundant oncomiR linked to DOX/paclitaxel resistance (PTEN, PDCD4)",
  class = "antimir",
  target = "miR-21",

  k_mirna = { 0.029, "1/h", grade = "M", flag = "✔", range = { 0.020, 0.063 },
    source = "miRNA turnover: median guide-strand half-lives 11 h (mouse ES cells) to 34 h (contact-inhibited fibroblasts), varying 100-fold between miRNAs (Kingston ER, Bartel DP 2019 Genome Res 29:1777, abstract read; metabolic labelling of 176-182 miRNAs) => t1/2 24 h, ln2/24 = 0.029 /h; range = the two medians. No miR-21-specific value" },

  mirna_copies = { 10000, "1", grade = "assumed", range = { 2000, 50000 },
    source = "assumed: miR-21 copies per cell at baseline. miR-21 is among the most abundant miRNAs in carcinoma cells; individual miRNAs range from ~10 to tens of thousands of copies per cell (background knowledge of absolute qPCR counts, not checked), and miRNA production can reach ~110 copies per cell per minute (Kingston ER, Bartel DP 2019, Genome Res 29:1777, ✔ abstract), consistent with 1e4-1e5 copies for the most abundant. Ten times the other anti-miR targets: ten times more anti-miR is needed per cell" },

  share = { 0.15, "1", grade = "assumed", range = { 0.05, 0.4 },
    source = "assumed: the share of the resistant cells' (rho - 1) carried by miR-21. miR-21 represses PTEN and PDCD4 and is linked to DOX and paclitaxel resistance (reviews ✔, primary ✱), but it is a general oncomiR, high in sensitive cells too, and resistant lines co-up-regulate ~22 miRNAs (Zhong 2016 Oncotarget 7:19601, ✔) besides P-gp, GSTP1, ANXA6 (docs/model.md, 'Biology'); so a minor share. No quantitative value published " },

  share_transfer = { 0.1, "1", grade = "assumed", range = { 0, 0.3 },
    source = "assumed: the share of exosome-mediated S->R transfer (tau) carried by miR-21. Exosomal miR-21 is abundant, but the breast-cancer studies of exosomal transfer of resistance name miR-222, miR-155, miR-1246 and P-gp rather than miR-21 (docs/model.md, 'Biology'), hence smaller than for those" },
}
