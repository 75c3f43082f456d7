-- expect: units-tumour-volume-plain.lua:3: subject.tumour.volume: 100 has no unit: give a volume, e.g. "100 mm3"
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = 100, resistant_fraction = 0.3 } },
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
