-- expect: diameter-zero.lua:6: formulations.exodox.diameter: "0 nm": must be larger than twice the bilayer (5 nm)
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "0 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 particles" } },
  },
}
