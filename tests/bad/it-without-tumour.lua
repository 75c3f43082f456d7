-- expect: it-without-tumour.lua:23: arms.exodox[1].route: "it" (intratumoral) needs a tumour (subject.tumour)
return {
  name = "it-without-tumour",
  subject = {
    species = "mouse",
    weight = "25 g",
  },
  horizon = "28 d",
  output_every = "1 h",
  formulations = {
    exodox = {
      carrier = "msc",
      diameter = "100 nm",
      surface = { cd47 = false, peg = false },
      loading = { method = "electroporation" },
      cargo = { { agent = "doxorubicin", offered = "5000 /vesicle" } },
    },
  },
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg",
                   every = "7 d", count = 3 } },
    exodox = { { give = "exodox", route = "it", dose = "2e11 particles",
                 at = "0 d", every = "3 d", count = 5 } },
  },
}
