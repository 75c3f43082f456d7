-- LNA anti-miR against miR-222 (miR-222-3p), class "antimir". docs/model.md §3, §4;
-- docs/model.md, 'Biology' (hormonal resistance: miR-222 lowers p27/ERalpha; exosomes of
-- docetaxel/adriamycin-resistant MCF-7 transmit resistance).
--
-- The class values (plasma, vesicle and uptake kinetics, k_bind and its calibration)
-- are in classes/antimir.lua; this file gives the miRNA and its shares, and may
-- override any class value.
-- Entry format: data/README.md.
return {
  name = "antimir_222",
  description = "LNA anti-miR against miR-222: blocks a miRNA that exosomes use to transmit DOX/docetaxel and tamoxifen resistance",
  class = "antimir",
  target = "miR-222",

  k_mirna = { 0.029, "1/h", grade = "M", flag = "✔", range = { 0.020, 0.063 },
    source = "miRNA turnover: median guide-strand half-lives 11 h (mouse ES cells) to 34 h (contact-inhibited fibroblasts), varying 100-fold between miRNAs (Kingston ER, Bartel DP 2019 Genome Res 29:1777, abstract read; metabolic labelling of 176-182 miRNAs) => t1/2 24 h, ln2/24 = 0.029 /h; range = the two medians. No miR-222-specific value" },

  mirna_copies = { 1000, "1", grade = "assumed", range = { 200, 5000 },
    source = "assumed: miR-222 copies per cell at baseline. Individual miRNAs range from ~10 to tens of thousands of copies per cell (background knowledge of absolute qPCR counts, not checked); miR-221/222 are among the miRNAs raised in resistant MCF-7 sublines and their exosomes, so a mid-abundance 1,000 is taken. Anti-miR needed scales with it" },

  share = { 0.2, "1", grade = "assumed", range = { 0.05, 0.5 },
    source = "assumed: the share of the resistant cells' (rho - 1) that miR-222 carries. miR-222 from docetaxel/adriamycin-resistant MCF-7 exosomes transmits resistance and miR-221/222 confer tamoxifen resistance (Chen WX 2014 PLoS One; Wei Y 2014 Mol Cancer; ✱), but resistant lines co-up-regulate ~22 miRNAs (Zhong 2016 Oncotarget 7:19601, ✔) besides P-gp, GSTP1 and ANXA6 (docs/model.md, 'Biology'), so one miRNA carries a minor part. No kinetic or quantitative share is published " },

  share_transfer = { 0.3, "1", grade = "assumed", range = { 0.1, 0.6 },
    source = "assumed: the share of exosome-mediated S->R transfer (tau) carried by miR-222. Higher than its share of rho because miR-222 is a named exosomal carrier of resistance between MCF-7 cells (Chen WX 2014, ✱), whereas P-gp transfer (Lv 2014; Ning 2017) and other cargo share the rest" },
}
