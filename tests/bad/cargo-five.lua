-- expect: cargo-five.lua:7: formulations.exo.cargo: more than 4 cargos
return {
  subject = { species = "mouse" },
  horizon = "7 d",
  formulations = {
    exo = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
            cargo = { { agent = "doxorubicin", offered = "100 /vesicle" }, { agent = "doxorubicin", offered = "100 /vesicle" }, { agent = "doxorubicin", offered = "100 /vesicle" }, { agent = "doxorubicin", offered = "100 /vesicle" }, { agent = "doxorubicin", offered = "100 /vesicle" } } },
  },
  arms = { a = { { give = "exo", route = "iv", dose = "1e11 particles" } } },
}
