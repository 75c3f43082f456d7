-- expect: long-unit-clipped.lua:11: arms.exodox[1].dose: "2e11 ppppppppppppppppppppppppppppppppppppppppppppppppppppppp...": unknown unit "pppppppppppppppppppppppppppppppppppppppp..."
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "7 d",
  formulations = {
    exodox = { carrier = "msc", diameter = "100 nm", loading = { method = "electroporation" },
               cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } } },
  },
  arms = {
    control = {},
    exodox = { { give = "exodox", route = "iv", dose = "2e11 " .. ("p"):rep(5000) } },
  },
}
