-- expect: units-offered-plain.lua:7: formulations.exodox.cargo[1].offered: 5000 has no unit: give molecules per vesicle, e.g. "5000 /vesicle", or a mass ratio of cargo to vesicle protein, e.g. "0.1 mg/mg"
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = 5000 } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
