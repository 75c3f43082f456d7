-- Validation anchor: passive tumour delivery of vesicles.
--
--   tumour_pct_id_max  0.35-3 %ID
--  (tumour delivery, passive 0.007
--     range 0.0035-0.03 of ID): Wilhelm S et al. 2016 Nat Rev Mater 1:16014, median
--     0.7 %ID over nanoparticle studies (✔); Cheng YH et al. 2020 ACS Nano 14:3075,
--     median 0.76 %ID at 24 h and 0.35 %ID at 168 h (✔). Nanoparticle values, weak
--     for EVs (unmodified exosomes show minimal tumour uptake,
--  Smyth 2015). data/README.md, 'Default calibration': ps_tum was set for about 0.7 %ID at 100 mm3.
--
-- A 150 mm3 MDA-MB-231-like tumour, one dose of 2e11 particles, followed a week.
return {
  name = "Validation: passive tumour delivery of MSC exosomes (tumour %ID max)",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "150 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "7 d",
  output_every = "0.25 h",

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
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles" } },
  },
}
