-- Validation anchor: free doxorubicin PK in an adult human.
--
--   doxorubicin.plasma_t_half_terminal  20-48 h
--     doxorubicin HCl label (Pfizer) §12.3, terminal t1/2 20-48 h
--     (✔); distribution t1/2 about 5 min. The reference model is Kontny 2013
--  (via Mody 2023), whose derived terminal t1/2 is 46 h; the
--  metric fits the last third of the 10 days after the dose (docs/outputs.md).
--
-- 60 mg/m2 IV bolus (a standard single dose; with Km 37 kg/m2 about 1.6 mg/kg,
-- ) in a 70 kg adult without tumour. The reference PK is per
-- 70 kg, so no scaling applies.
return {
  name = "Validation: human free doxorubicin 60 mg/m2, terminal half-life",

  subject = { species = "human", weight = "70 kg" },   -- no tumour

  horizon      = "10 d",
  output_every = "1 h",

  formulations = {},

  arms = {
    free_dox = { { give = "doxorubicin", route = "iv", dose = "60 mg/m2" } },
  },
}
