-- expect: solver-fails-clearance.lua: arm free_dox: free_dox: the solver failed at t = 0 h (step size too small); state doxorubicin.central = 215.521
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
  params = { ["doxorubicin.cl"] = 1e300 },
}
