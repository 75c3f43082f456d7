-- Validation anchor: tumour growth inhibition of exosomal vs free doxorubicin at
-- the same DOX dose.
--
-- Published: Toffoli G, Hadla M, Corona G, et al. 2015, "Exosomal doxorubicin
-- reduces the cardiac toxicity of doxorubicin", Nanomedicine (Lond)
-- 10(19):2963-2971, doi 10.2217/nnm.15.118: in nude mice with
-- breast-cancer xenografts "exosomes did not decrease the efficacy of DOX"
-- (abstract, read, ✔) -- exoDOX and free DOX at the same dose slowed tumour
-- growth alike. Hadla M et al. 2016, Nanomedicine (Lond) 11:2431-2441, doi
-- 10.2217/nnm-2016-0154: exoDOX spares the heart, so a higher dose is
-- tolerated, which is where its greater efficacy comes from (abstract, read).
--   ratio exodox / free_dox of tgi_pct (100 x (1 - dV_arm / dV_control))
--   published: about 1 ("did not decrease"); anchor range 0.7-1.3 (assumed:
--   "no significant difference" between groups of a few mice whose final
--   volumes typically vary by 20-30 %).
--
-- Schedule: Toffoli's dose and schedule were not read here; both arms get
-- 2 mg/kg of DOX (the heart-ratio anchor's dose, heart_ratio.lua) every 3 days,
-- 4 doses, as data/examples/exodox_measured_load.lua. The exodox dose is given
-- as cargo mass (dose_of), so the two arms get the same DOX; at about 914
-- molecules per vesicle each exodox dose is about 5.7e13 particles.
return {
  name = "Validation: tumour growth inhibition, exosomal vs free doxorubicin at 2 mg/kg",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "14 d",
  output_every = "1 h",

  formulations = {
    exodox = {
      carrier  = "msc",
      diameter = "100 nm",
      surface  = { cd47 = false, peg = false },
      loading  = { method = "electroporation" },
      cargo    = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },

  arms = {
    control  = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "2 mg/kg",
                   every = "3 d", count = 4 } },
    exodox   = { { give = "exodox", route = "iv", dose = "2 mg/kg", dose_of = "doxorubicin",
                   every = "3 d", count = 4 } },
  },
}
