-- expect: solver-fails-rate-huge.lua: arm exodox: exodox: the model is not finite at t = 0 h: d(exodox.plasma_particles)/dt = -inf with exodox.plasma_particles = 2e+11 (check the parameters)
-- exit: 1
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
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
  params = { ["carrier.k_pt"] = 1e300 },
}
