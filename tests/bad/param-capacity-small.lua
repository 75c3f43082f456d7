-- expect: param-capacity-small.lua: tumour mda_mb_231: capacity = 50 mm3 must be above 100 mm3 (growth_rate is the specific rate at 100 mm3)
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles" } },
  },
  params = { ["tumour.capacity"] = "50 mm3" },
}
