-- A published-style exoDOX dose with a measured load (docs/study-files.md,
-- "Measured loading").
--
-- Mouse studies of exosomal doxorubicin dose 2 to 5 mg/kg of DOX (exoDOX in
-- nude mice with breast-cancer xenografts: Toffoli G et al. 2015, Nanomedicine
-- (Lond) 10:2963-2971, doi 10.2217/nnm.15.118; Hadla M et al. 2016,
-- Nanomedicine (Lond) 11:2431-2441, doi 10.2217/nnm-2016-0154). The vesicle
-- amount behind such a dose was not read from those papers here; this study
-- assumes 100 ug of vesicle protein per 25 g mouse (an assumption, written as
-- the measured load): 2 mg/kg of DOX hydrochloride is 50 ug (86.21 nmol), i.e.
-- 46.9 ug of DOX base on 100 ug of protein, about 470 ng per ug of protein.
--
-- What to expect (`exopk simulate` prints it): with the msc carrier's 1e10
-- particles per ug protein (Webber & Clayton 2013) the load is 5.21e4 DOX per
-- vesicle, about 9.6 times what the capacity model allows a 100 nm vesicle
-- (5,440: lumen 2,299 at 10 mM + membrane 3,142), so exopk warns and uses the
-- load as given; the 2 mg/kg dose becomes 9.97e11 particles. Either far more
-- vesicles were given than this, or most of the drug was not inside them
-- (membrane-bound or co-pelleted aggregates, docs/model.md §1).
return {
  name = "exoDOX at a published mass dose, measured load (drug per vesicle protein)",

  subject = {
    species = "mouse",
    weight  = "25 g",
    tumour  = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 },
  },

  horizon      = "14 d",
  output_every = "1 h",

  formulations = {
    exodox = {
      carrier = "msc",
      loading = { method = "electroporation" },
      cargo   = { { agent = "doxorubicin", loaded = "470 ng/ug protein" } },
    },
  },

  arms = {
    control  = {},
    exodox   = { { give = "exodox", route = "iv", dose = "2 mg/kg", every = "3 d", count = 4 } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "2 mg/kg", every = "3 d", count = 4 } },
  },
}
