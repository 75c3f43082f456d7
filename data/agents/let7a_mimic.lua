-- let-7a mimic (hsa-let-7a-5p duplex), class "mirna_mimic". docs/model.md §3, §4.
--
-- Biology: let-7a is a tumour-suppressor miRNA that restrains malignant growth by
-- repressing RAS and HMGA2; its levels are reduced in breast-cancer cells. Exosomes
-- from GE11-displaying HEK293 cells carried let-7a into EGFR+ HCC70 breast-cancer
-- xenografts after intravenous injection in RAG2-/- mice (Ohno S et al. 2013, Mol
-- Ther 21:185-191, doi 10.1038/mt.2012.180, PMID 23032975; abstract and introduction
-- read). let-7 also curbs the self-renewal and tumorigenicity of breast tumour-
-- initiating cells through H-RAS and HMGA2 (Yu F et al. 2007, Cell 131:1109-1123,
-- doi 10.1016/j.cell.2007.10.054; recalled, not checked).
--
-- In the model: acts_on = "growth": the raised let-7a activity a lowers the Gompertz
-- rate of each population, lambda_eff = lambda (1 - share u/(ea50 + u)), u = a - 1
-- (classes/mirna_mimic.lua). The class gives the RNA kinetics and ea50.
-- Entry format: data/README.md.
return {
  name = "let7a_mimic",
  description = "let-7a mimic: raises let-7a, which represses RAS and HMGA2 and slows tumour growth",
  class = "mirna_mimic",
  acts_on = "growth",
  target = "let-7a",

  mirna_copies = { 1000, "1", grade = "assumed", range = { 100, 10000 },
    source = "assumed: endogenous let-7a copies per breast-cancer cell. let-7 is reduced in breast-cancer cells (Ohno S et al. 2013, Mol Ther 21:185, doi 10.1038/mt.2012.180) and in breast tumour-initiating cells (Yu F et al. 2007, Cell 131:1109, recalled); individual miRNAs range from ~10 to tens of thousands of copies per cell (background knowledge of absolute qPCR counts, not checked), so a reduced let-7a is put at 1,000, as the library's other miRNAs of unknown abundance (agents/antimir_1246.lua). Wide range: the raise a - 1 scales with 1/mirna_copies" },

  share = { 0.5, "1", grade = "assumed", range = { 0.2, 0.8 },
    source = "assumed: the largest share of the tumour's growth rate that raising let-7a can remove (through RAS and HMGA2). Restored let-7 slowed proliferation and tumour formation of breast cancer cells (Yu F et al. 2007, Cell 131:1109, recalled) and exosomal let-7a was delivered to HCC70 xenografts (Ohno 2013, abstract; its tumour-growth figures were not retrieved), but no quantitative share was found; growth also runs through pathways let-7 does not touch, hence 0.5 with a wide range" },
}
