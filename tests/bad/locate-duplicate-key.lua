-- expect: locate-duplicate-key.lua:6: horizon: -168 h is outside 0 .. 87660 h (ten years)
return {
  subject = { species = "mouse" },
  horizon = "7 d",
  arms = { a = {} },
  horizon = "-7 d",
}
