-- expect: dose-negative-number.lua:11: arms.exodox[1].dose: -200000000000 has no unit: give particles or a mass of cargo, e.g. "-200000000000 particles" or "2 mg/kg"
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = -2e11 } },
  },
}
