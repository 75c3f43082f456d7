-- expect: units-diameter-huge.lua:6: formulations.exodox.diameter: "100 um": larger than 10 um, as large as the cell that would release it: no vesicle is that size (small EVs are 30 to 200 nm)
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 um", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
