-- expect: units-dose-huge.lua:11: arms.exodox[1].dose: "1e20 particles": 52.4 L of 100 nm vesicles, more than the subject's whole body (0.025 L at 0.025 kg): no route can give that
return {
  subject = { species = "mouse", weight = "25 g", tumour = { model = "mda_mb_231", volume = "100 mm3", resistant_fraction = 0.3 } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "1e20 particles", at = "0 h" } },
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
