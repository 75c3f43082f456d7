-- expect: not-a-string.lua:6: data: expected a file name such as "observed.csv" or a table { file = ..., format = "nonmem", cmt = {...} }, got a number
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = 5,
  arms = {
    control = {},
    free_dox = { { give = "doxorubicin", route = "iv", dose = "5 mg/kg" } },
  },
}
