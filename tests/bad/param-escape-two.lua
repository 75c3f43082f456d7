-- expect: param-escape-two.lua:13: params["doxorubicin.f_esc"]: 2 is outside its domain (must be between 0 and 1)
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
  params = { ["doxorubicin.f_esc"] = 2 },
}
