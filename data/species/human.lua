-- Adult human physiology (70 kg reference). Entry format: see data/README.md.
-- Doxorubicin's reference PK model (Kontny 2013) is itself per 70 kg, so a 70 kg
-- human uses it unscaled.
return {
  name = "human",
  description = "Adult human, 70 kg reference",

  body_weight = { 70, "kg", grade = "S", range = { 50, 100 },
    source = "conventional 70 kg adult (reference man; the doxorubicin reference model of Kontny NE et al. 2013, Cancer Chemother Pharmacol, doi 10.1007/s00280-013-2261-3: is per 1.8 m2, taken as 70 kg)" },

  plasma_volume_per_kg = { 0.043, "L/kg", grade = "M", flag = "✱", range = { 0.039, 0.047 },
    source = "human plasma volume about 0.043 L/kg (about 3 L at 70 kg), PBPK code + Davies & Morris 1993 (Pharm Res 10:1093); flagged ✱" },

  cardiac_output = { 324, "L/h", grade = "M", flag = "✱", range = { 312, 336 },
    source = "5.2-5.6 L/min for 70 kg (PBPK code defaults; Davies B, Morris T 1993, Pharm Res 10:1093-1095); the midpoint 5.4 L/min = 324 L/h is used, the range is the two quoted values" },

  cardiac_output_weight = { 70, "kg", grade = "S",
    source = "quotes cardiac output for a 70 kg adult" },

  heart_flow_fraction = { 0.04, "1", grade = "S", flag = "✔", range = { 0.03, 0.05 },
    source = "human heart 4 % of cardiac output (Brown RP et al. 1997, Toxicol Ind Health 13:407-484: via BayesPBPK tutorial code, ✔). Checked: a JPET PBPK table citing Brown 1997 also lists 4.0 %; docs/model.md §9.8" },

  heart_weight_fraction = { 0.0047, "1", grade = "S", flag = "✔", range = { 0.004, 0.005 },
    source = "human heart 0.47 % of body weight (Brown RP et al. 1997, Toxicol Ind Health 13:407-484: via PBPK code, ✔)" },

  km_factor = { 37, "kg/m2", grade = "S", flag = "◐",
    source = "FDA CDER guidance July 2005, Table 1: human 60 kg, 1.62 m2, Km 37 . Checked via the table as reproduced by Nair & Jacob 2016 and the Freireich 1966 table (adult 60 kg, 1.6 m2, 37); used for mg/m2 <-> mg/kg (docs/outputs.md cumulative_dose_mg_per_m2)" },

  liver_weight_fraction = { 0.0257, "1", grade = "M", flag = "◐",
    source = "human liver 2.57 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in a public human PBPK tutorial's code, metrumresearchgroup BayesPBPK-tutorial, ◐); used for mps %ID/g (liver + spleen, docs/outputs.md)" },

  spleen_weight_fraction = { 0.0026, "1", grade = "M", flag = "◐",
    source = "human spleen 0.26 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in public human PBPK model code, ◐); used for mps %ID/g (liver + spleen, docs/outputs.md)" },

  lungs_weight_fraction = { 0.0076, "1", grade = "M", flag = "◐",
    source = "human lungs 0.76 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in public human PBPK model code, ◐); used for organ %ID/g (docs/outputs.md)" },

  kidneys_weight_fraction = { 0.0044, "1", grade = "M", flag = "◐",
    source = "human kidneys 0.44 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in public human PBPK model code, ◐); used for organ %ID/g (docs/outputs.md)" },
}
