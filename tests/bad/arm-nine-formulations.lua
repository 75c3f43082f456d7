-- expect: arm-nine-formulations.lua:17: arms.all[9]: gives more than 8 formulations (the limit per arm)
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "7 d",
  formulations = {
    f1 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f2 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f3 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f4 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f5 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f6 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f7 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f8 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
    f9 = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" }, cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    all = { { give = "f1", route = "iv", dose = "1e11 particles" }, { give = "f2", route = "iv", dose = "1e11 particles" }, { give = "f3", route = "iv", dose = "1e11 particles" }, { give = "f4", route = "iv", dose = "1e11 particles" }, { give = "f5", route = "iv", dose = "1e11 particles" }, { give = "f6", route = "iv", dose = "1e11 particles" }, { give = "f7", route = "iv", dose = "1e11 particles" }, { give = "f8", route = "iv", dose = "1e11 particles" }, { give = "f9", route = "iv", dose = "1e11 particles" } },
  },
}
