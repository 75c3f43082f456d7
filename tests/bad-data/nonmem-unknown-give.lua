-- expect: nonmem-unknown-give.lua:8: data.cmt[1].give: unknown formulation or agent "doxorubicn" (did you mean "doxorubicin"?)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = { file = "x.csv", format = "nonmem",
    cmt = {
      [1] = { give = "doxorubicn", amt_unit = "mg/kg" },
    },
  },
  arms = {
    free_dox = {},
  },
}
