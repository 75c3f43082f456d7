-- expect: limit-rows.lua:5: output_every: 0.0166667 h gives more than 1000000 output rows over 87600 h
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "3650 d",
  output_every = "1 min",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles" } },
  },
}
