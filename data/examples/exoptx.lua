-- Exosome-loaded paclitaxel (exoPTX) against free paclitaxel in an MDA-MB-231-like
-- tumour.
--
-- Loading after Kim MS et al. 2016, Nanomedicine 12:655-664 (PMC4809755): macrophage
-- exosomes sonicated with paclitaxel re-form around it, load it with about 28 %
-- efficiency (more than electroporation, 5 %, or incubation, 1.4 %; via Heliyon 2023
-- 9:e20742, Table 1) and release it slowly; exoPTX was > 50x more cytotoxic than free
-- paclitaxel to P-gp-expressing MDCK-MDR1 cells (abstract). Kim delivered it by the
-- airway to lung metastases, not IV; this study asks what an IV dose would do. The
-- library's sonication EE0 for small molecules is Kim's 28 %. Kim used macrophage
-- (RAW264.7) exosomes; the library has MSC and milk carriers, so MSC exosomes stand in.
-- The offered load (5,000 molecules per vesicle) is the default study's, not Kim's
-- (their drug:vesicle ratio was not read).
--
-- What to expect: as for exoDOX in the default study, 2e11 vesicles carry nanomoles,
-- while a free 10 mg/kg dose is about 290 nmol: the carried dose is far smaller, so the
-- exoPTX arm barely slows the tumour. The paclitaxel PK is the linear model of
-- data/agents/paclitaxel.lua (label-based, scaled to the mouse); free Taxol in mice
-- carries Cremophor and is non-linear, which this model does not represent.
return {
  name = "Exosomal paclitaxel (sonication) vs free paclitaxel, MDA-MB-231",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "28 d",
  output_every = "1 h",

  formulations = {
    exoptx = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "sonication" },           -- EE0 0.28 (Kim 2016, small_molecule)
      cargo    = { { agent = "paclitaxel", offered = "5000 /vesicle" } },
    },
  },

  arms = {
    control  = {},
    -- Free paclitaxel 10 mg/kg IV once a week, 3 doses.
    free_ptx = { { give = "paclitaxel", route = "iv", dose = "10 mg/kg",
                   every = "7 d", count = 3 } },
    -- Exosomal paclitaxel: 2e11 particles IV every 3 days, 5 doses.
    exoptx   = { { give = "exoptx", route = "iv", dose = "2e11 particles",
                   at = "0 d", every = "3 d", count = 5 } },
  },
}
