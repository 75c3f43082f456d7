-- expect: tumour-volume-zero.lua:3: subject.tumour.volume: "0 mm3": must be positive
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "0 mm3" } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles" } },
  },
}
