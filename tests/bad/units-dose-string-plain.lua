-- expect: units-dose-string-plain.lua:11: arms.exodox[1].dose: "2e11" has no unit: give particles or a mass of cargo, e.g. "2e11 particles" or "2 mg/kg"
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
