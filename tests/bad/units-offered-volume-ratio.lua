-- expect: units-offered-volume-ratio.lua:7: formulations.exodox.cargo[1].offered: "1 L/L": expected a count per vesicle (molecules/vesicle), got a ratio of lengths or volumes, which cancels to a plain number
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "1 L/L" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
