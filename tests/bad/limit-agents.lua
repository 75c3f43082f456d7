-- expect: limit-agents.lua:14: arms.a[9].give: too many agents (at most 8 in a study)
return {
  subject = { species = "mouse", tumour = { model = "mda_mb_231", volume = "100 mm3" } },
  horizon = "7 d",
  arms = { a = {
    { give = "doxorubicin", route = "iv", dose = "1 mg/kg" },
    { give = "gemcitabine", route = "iv", dose = "1 mg/kg" },
    { give = "sirna_abcb1", route = "iv", dose = "1 nmol" },
    { give = "sirna_anxa6", route = "iv", dose = "1 nmol" },
    { give = "sirna_birc5", route = "iv", dose = "1 nmol" },
    { give = "antimir_1246", route = "iv", dose = "1 nmol" },
    { give = "antimir_155", route = "iv", dose = "1 nmol" },
    { give = "antimir_21", route = "iv", dose = "1 nmol" },
    { give = "antimir_222", route = "iv", dose = "1 nmol" },
  } },
}
