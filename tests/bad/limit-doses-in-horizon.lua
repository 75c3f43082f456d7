-- expect: limit-doses-in-horizon.lua:11: arms.exodox[2]: 120000 doses within the horizon, more than 100000
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "28 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles", every = "10 s", count = 60000 }, { give = "exodox", route = "iv", dose = "2e11 particles", at = "1 h", every = "10 s", count = 60000 } },
  },
}
