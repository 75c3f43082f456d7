-- siRNA against ANXA6 (annexin A6), class "sirna". docs/model.md §3, §4; docs/model.md, 'Biology'
-- (gemcitabine resistance in TNBC); .
--
-- Biology: gemcitabine-resistant TNBC cells up-regulate ANXA6 and ship it in exosomes
-- to sensitive cells; exosomal ANXA6 binds EGFR and blocks its ubiquitination and
-- degradation, and the stabilised EGFR makes the cells resistant. Stable ANXA6
-- over-expression made sensitive cells resistant, ANXA6 knockdown restored
-- gemcitabine sensitivity, lapatinib (EGFR/HER2 inhibitor) reversed the resistance
-- ("Exosomal annexin A6 induces gemcitabine resistance by inhibiting ubiquitination
-- and degradation of EGFR in triple-negative breast cancer", 2021, PMC8266800; the
-- abstract was read for this file).
--
-- In the model: acts_on = "resistance": the protein level p lowers the resistant
-- cells' extra EC50 shift for gemcitabine, rho_eff - 1 = (rho - 1)(1 - share (1 - p)).
-- resistance_of = "gemcitabine": the ANXA6 study concerns gemcitabine resistance only,
-- so knocking ANXA6 down leaves the rho of doxorubicin or paclitaxel in the same
-- study alone (their resistant cells keep the tumour's rho).
-- ANXA6 also travels between cells in exosomes (the transfer itself, tau): a second
-- siRNA entry with acts_on = "transfer" would represent that; this file takes the
-- resistance arm, which the knockdown experiment addressed.
--
-- The RNA kinetics every siRNA shares (and the calibration of k_risc and ic50_risc)
-- are the class values in classes/sirna.lua; this file gives the target turnover,
-- acts_on and share, and may override any class value.
-- Entry format: data/README.md.
return {
  name = "sirna_anxa6",
  description = "siRNA against ANXA6 (annexin A6): removes the EGFR-stabilising resistance to gemcitabine in TNBC",
  class = "sirna",
  acts_on = "resistance",
  resistance_of = "gemcitabine",
  target = "ANXA6",

  k_mrna = { 0.077, "1/h", grade = "W", flag = "✱", range = { 0.029, 2 },
    source = "no ANXA6-specific mRNA half-life found in the stored pages: generic target mRNA t1/2 9 h (Schwanhäusser B et al. 2011, Nature 473:337-342, doi 10.1038/nature10098 median, NIH3T3; the 9 h median checked via BioNumbers BNID 106378, which cites the paper) => ln2/9 h = 0.077 /h; range t1/2 0.35-24 h (2 /h = Bartlett's luciferase mRNA)" },

  k_protein = { 0.0151, "1/h", grade = "W", flag = "✱", range = { 0.0069, 0.35 },
    source = "no ANXA6 turnover in the stored pages: generic protein t1/2 46 h (Schwanhäusser B et al. 2011, Nature 473:337-342, doi 10.1038/nature10098 median, ✱) => ln2/46 h = 0.0151 /h; range t1/2 2-100 h . Note that ANXA6 delivered by exosomes from resistant neighbours is not touched by the siRNA (it acts on the cell's own mRNA)" },

  imax = { 93.5, "1", grade = "derived", range = { 10, 250 },
    source = "derived: maximal cleavage rate over mRNA turnover = RISC cleavage 7.2 /h (Bartlett DW, Davis ME 2006, Nucleic Acids Res 34:322-333, doi 10.1093/nar/gkj439: Table 2, kcleavage) / k_mrna 0.077 /h. Recompute if k_mrna is changed (7.2/k_mrna). Range: 10 (maximal knockdown 90 %) to 250 (7.2 / ln2/24 h)" },

  share = { 0.5, "1", grade = "assumed", range = { 0.2, 0.9 },
    source = "assumed: the share of the resistant cells' extra EC50 shift (rho - 1) that ANXA6 carries. The ANXA6 study (PMC8266800, abstract read) shows knockdown RESTORED gemcitabine sensitivity and over-expression alone induced resistance, which argues for a large share; but gemcitabine resistance has other, ANXA6-independent routes (nucleoside transport, deoxycytidine kinase, ribonucleotide reductase -- background knowledge) and the quantitative restoration was not retrieved. 0.5 splits the difference; 0.9 = 'almost all of it'" },
}
