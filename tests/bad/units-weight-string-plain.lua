-- expect: units-weight-string-plain.lua:3: subject.weight: "20" has no unit: give a mass, e.g. "20 g"
return {
  subject = { species = "mouse", weight = "20", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
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
