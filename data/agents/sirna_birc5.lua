-- siRNA against BIRC5 (survivin), class "sirna". docs/model.md §3, §4; docs/model.md, 'Biology'
-- (pro-survival cargo: survivin in exosomes, Kreger 2016).
--
-- Biology: survivin is an inhibitor-of-apoptosis protein over-expressed in most
-- tumours and expressed in G2/M; it is a short-lived protein (t1/2 about 30 min,
-- ubiquitin-proteasome degradation; Zhao J et al. 2000 J Cell Sci 113:4363, abstract
-- read). Knocking it down raises apoptosis (and mitotic failure) and slows net growth.
--
-- In the model: acts_on = "growth": the protein level p scales the tumour's growth
-- rate, lambda_eff = lambda (1 - share (1 - p)). Because survivin turns over in 30
-- min, the protein follows the mRNA within an hour: knockdown starts as soon as RISC
-- is loaded and ends as soon as the mRNA recovers (simulated: 100 cytosolic siRNA per
-- cell already give a nadir of 0.2; 3,000 give < 50 % for 6.5 d).
--
-- The RNA kinetics every siRNA shares (and the calibration of k_risc and ic50_risc)
-- are the class values in classes/sirna.lua; this file gives the target turnover,
-- acts_on and share, and may override any class value.
-- Entry format: data/README.md.
return {
  name = "sirna_birc5",
  description = "siRNA against BIRC5 (survivin): raises apoptosis, slows tumour growth",
  class = "sirna",
  acts_on = "growth",
  target = "BIRC5",

  k_mrna = { 0.077, "1/h", grade = "W", flag = "✱", range = { 0.029, 2 },
    source = "no BIRC5 (survivin)-specific mRNA half-life found in the stored pages: generic target mRNA t1/2 9 h (Schwanhäusser B et al. 2011, Nature 473:337-342, doi 10.1038/nature10098 median, NIH3T3; the 9 h median checked via BioNumbers BNID 106378, which cites the paper) => ln2/9 h = 0.077 /h; range t1/2 0.35-24 h (2 /h = Bartlett's luciferase mRNA)" },

  k_protein = { 1.386, "1/h", grade = "M", flag = "✔", range = { 0.35, 2.8 },
    source = "survivin protein t1/2 about 30 min (Zhao J et al. 2000 J Cell Sci 113:4363, 'The ubiquitin-proteasome pathway regulates survivin degradation in a cell cycle-dependent manner'; abstract read) => ln2/0.5 h = 1.386 /h; range t1/2 15 min-2 h (stabilised by binding partners in mitosis, assumed)" },

  imax = { 93.5, "1", grade = "derived", range = { 10, 250 },
    source = "derived: maximal cleavage rate over mRNA turnover = RISC cleavage 7.2 /h (Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439: Table 2, kcleavage) / k_mrna 0.077 /h. Recompute if k_mrna is changed (7.2/k_mrna). Range: 10 (maximal knockdown 90 %) to 250 (7.2 / ln2/24 h)" },

  share = { 0.4, "1", grade = "assumed", range = { 0.1, 0.8 },
    source = "assumed: the share of net tumour growth that depends on survivin. Not 1: full knockdown does not stop a tumour, because other IAPs (XIAP, cIAP1/2) and growth pathways remain and the Gompertz rate is net of a cell loss survivin does not control; not small, because survivin is required for mitosis and its loss raises apoptosis in most tumour lines (background knowledge of survivin antisense/shRNA xenograft studies, which typically report partial growth inhibition of the order of half; no number). 0.4 means complete knockdown slows growth by 40 %" },
}
