-- expect: too-long.lua:6: data: too long (at most 4095 bytes with the study's directory)
return {
  subject = { species = "mouse", weight = "25 g",
              tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "2 d",
  data = string.rep("a", 5000) .. ".csv",
  arms = {
    control = {},
  },
}
