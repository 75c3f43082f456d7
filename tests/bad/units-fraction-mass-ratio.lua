-- expect: units-fraction-mass-ratio.lua:3: subject.tumour.resistant_fraction: "0.3 mg/mg": expected a dimensionless number (1), got a ratio of masses, which cancels to a plain number (write a fraction alone or in %, e.g. "30 %")
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = "0.3 mg/mg" } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
