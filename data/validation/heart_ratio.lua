-- Validation anchor: heart exposure of exosomal vs free doxorubicin.
--
--   ratio exodox / free_dox of doxorubicin.heart_auc  0.4-0.95
--  ('exoDOX heart-exposure factor vs
--     free DOX 0.6, 0.5-0.8'): Toffoli G et al. 2015 Nanomedicine (Lond) 10:2963, heart
--     DOX about 40 % lower with exoDOX than with free DOX at the same dose in nude mice
--     with breast-cancer xenografts (LC-MS, ✔); Hadla M et al. 2016 Nanomedicine (Lond)
--     11:2431 (exoDOX limits passage through the myocardial endothelium, ✔). The
--     anchor range is widened to 0.4-0.95.
--
-- Both arms get 2 mg/kg of DOX (as the hydrochloride). The exodox dose is given as
-- cargo mass (dose_of = "doxorubicin"); the engine converts it with the loaded
-- content per vesicle and prints the particle count: at about 914 molecules per
-- vesicle, 2 mg/kg x 0.025 kg / 579.99 g/mol = 86 nmol needs about 5.7e13
-- particles -- far above MPS saturation (about 1e12 per mL of plasma), which is
-- part of what this anchor tests.
return {
  name = "Validation: heart DOX AUC, exosomal vs free doxorubicin at 2 mg/kg",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "150 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "7 d",
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
    free_dox = { { give = "doxorubicin", route = "iv", dose = "2 mg/kg" } },
    exodox   = { { give = "exodox", route = "iv", dose = "2 mg/kg",
                   dose_of = "doxorubicin" } },
  },
}
