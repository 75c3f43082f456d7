-- Rat physiology (250 g reference animal). Entry format: see data/README.md.
return {
  name = "rat",
  description = "Laboratory rat, 250 g reference animal",

  body_weight = { 0.25, "kg", grade = "S", range = { 0.15, 0.35 },
    source = "conventional 250 g rat (quote rat values per 250 g; EPA reference physiology (Arms & Travis 1988) also uses a 0.25 kg rat)" },

  plasma_volume_per_kg = { 0.031, "L/kg", grade = "W", flag = "✱", range = { 0.025, 0.04 },
    source = "rat plasma volume about 0.031 L/kg (about 7.8 mL per 250 g), PBPK code + Davies & Morris 1993 (Pharm Res 10:1093); not checked against the primary table" },

  cardiac_output = { 4.99, "L/h", grade = "M", flag = "✱", range = { 4.0, 6.0 },
    source = "derived from Brown RP et al. 1997, Toxicol Ind Health 13:407-484: rat QCC 0.235 L/min/kg^0.75 => 0.235 x 0.25^0.75 = 0.0831 L/min (about 83 mL/min) = 4.99 L/h at 250 g" },

  cardiac_output_weight = { 0.25, "kg", grade = "S",
    source = "body weight at which the 83 mL/min holds (250 g)" },

  heart_flow_fraction = { 0.051, "1", grade = "M", flag = "✱", range = { 0.04, 0.06 },
    source = "rat heart 5.1 % of cardiac output (Brown RP et al. 1997, Toxicol Ind Health 13:407-484: as encoded in public PBPK code; rat column flagged ✱); docs/model.md §9.8" },

  heart_weight_fraction = { 0.0033, "1", grade = "M", flag = "✱", range = { 0.0025, 0.004 },
    source = "rat heart 0.33 % of body weight (Brown RP et al. 1997, Toxicol Ind Health 13:407-484: via PBPK code; flagged ✱)" },

  km_factor = { 6, "kg/m2", grade = "S", flag = "◐",
    source = "FDA CDER guidance July 2005, Table 1: rat 0.15 kg, 0.025 m2, Km 6 . Checked via the table as reproduced by Nair & Jacob 2016 and the Freireich 1966 table (0.15 kg, 0.025 m2, 5.9)" },

  iv_volume_max_per_kg = { 20, "mL/kg", grade = "S", flag = "◐",
    source = "Diehl KH, Hull R, Morton D et al. 2001, J Appl Toxicol 21:15-23 (PMID 11180276), table of administration volumes: rat iv 5 mL/kg good practice, 20 mL/kg possible maximum (slow injection); ip 10 mL/kg, 20 mL/kg possible maximum; the table as reproduced by institutional guidelines (◐). Used to warn when a particle dose could not be injected: its vesicles, packed as densely as spheres can be, would take more than this volume" },

  ip_volume_max_per_kg = { 20, "mL/kg", grade = "S", flag = "◐",
    source = "Diehl KH, Hull R, Morton D et al. 2001, J Appl Toxicol 21:15-23 (PMID 11180276), table of administration volumes: rat iv 5 mL/kg good practice, 20 mL/kg possible maximum (slow injection); ip 10 mL/kg, 20 mL/kg possible maximum (◐, as above); used for the same warning for route ip" },

  liver_weight_fraction = { 0.0366, "1", grade = "W", flag = "✱",
    source = "rat liver 3.66 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (recalled, not checked against the table: ✱); used for mps %ID/g (liver + spleen, docs/outputs.md)" },

  spleen_weight_fraction = { 0.002, "1", grade = "W", flag = "✱",
    source = "rat spleen 0.20 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (recalled, not checked against the table: ✱); used for mps %ID/g (liver + spleen, docs/outputs.md)" },

  lungs_weight_fraction = { 0.005, "1", grade = "W", flag = "✱",
    source = "rat lungs 0.50 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (recalled, not checked against the table: ✱); used for organ %ID/g (docs/outputs.md)" },

  kidneys_weight_fraction = { 0.0073, "1", grade = "W", flag = "✱",
    source = "rat kidneys 0.73 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (recalled, not checked against the table: ✱); used for organ %ID/g (docs/outputs.md)" },
}
