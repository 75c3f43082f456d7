-- expect: units-dose-agent-plain.lua:12: arms.free_dox[1].dose: 5 has no unit: give a mass or an amount, e.g. "5 mg/kg" or "5 nmol"
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = 5 } },
  },
}
