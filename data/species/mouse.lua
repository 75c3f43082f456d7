-- Mouse physiology (default subject of exopk: 25 g, the data/README.md, 'Default calibration' scenario).
-- Every entry: { value, unit, grade = S|M|W|assumed|derived, flag = ✔|◐|✱ (
-- evidence flag, where known), range = { lo, hi }, source = "..." }.
-- The engine scales plasma volume and heart weight with body weight, and cardiac
-- output (hence heart flow) with body weight^0.75 from cardiac_output_weight.
return {
  name = "mouse",
  description = "Laboratory mouse (nude / BALB/c xenograft host), 25 g reference animal",

  body_weight = { 0.025, "kg", grade = "S", range = { 0.02, 0.03 },
    source = "mouse body weight 0.025 kg (0.02-0.03) by convention; data/README.md, 'Default calibration'" },

  plasma_volume_per_kg = { 0.04, "L/kg", grade = "M", flag = "✔", range = { 0.0355, 0.05 },
    source = "chosen so that the 25 g mouse has Vp = 1.0 mL (mouse V_pl 1.0 mL, 0.9-1.25 mL; data/README.md, 'Default calibration': 0.001 L). 0.0355 L/kg (Davies & Morris 1993, Pharm Res 10:1093) to 0.05 L/kg in other sources" },

  cardiac_output = { 1.04, "L/h", grade = "S", flag = "✔", range = { 0.8, 1.2 },
    source = "Brown RP et al. 1997, Toxicol Ind Health 13:407, QCC 16.5 L/h/kg^0.75 => 1.04 L/h (17.3 mL/min) at 25 g; data/README.md, 'Default calibration'" },

  cardiac_output_weight = { 0.025, "kg", grade = "S",
    source = "body weight at which the 1.04 L/h was computed (25 g)" },

  heart_flow_fraction = { 0.066, "1", grade = "S", flag = "◐", range = { 0.04, 0.08 },
    source = "(mouse heart flow 6.6 % of CO, Brown RP et al. 1997, Toxicol Ind Health 13:407-484; flagged ✱). Checked: a JPET PBPK table citing Brown et al. (1997) lists mouse heart flow 6.6 % and human 4.0 % of cardiac output, so the number matches Brown 1997 as cited (secondary reading, hence ◐); docs/model.md §9.8" },

  heart_weight_fraction = { 0.005, "1", grade = "S", flag = "◐", range = { 0.004, 0.006 },
    source = "(mouse heart 0.50 % BW, Brown RP et al. 1997, Toxicol Ind Health 13:407-484; flagged ✱). Checked: the same JPET PBPK table citing Brown et al. (1997) lists mouse heart 0.5 % of body weight; data/README.md, 'Default calibration': v_heart 1.25e-4 L at 25 g (density 1)" },

  km_factor = { 3, "kg/m2", grade = "S", flag = "◐",
    source = "FDA CDER guidance 'Estimating the Maximum Safe Starting Dose in Initial Clinical Trials for Therapeutics in Adult Healthy Volunteers', July 2005, Table 1: mouse 0.02 kg, 0.007 m2, Km 3 (numbers flagged ✱). Checked: the table as reproduced by Nair & Jacob 2016 (J Basic Clin Pharm 7:27) and the NCI-Frederick table after Freireich et al. 1966 (Cancer Chemother Rep 50:219; 0.02 kg, 0.0066 m2, 3.0) gives Km 3; the guidance text itself was not read (◐)" },

  iv_volume_max_per_kg = { 25, "mL/kg", grade = "S", flag = "◐",
    source = "Diehl KH, Hull R, Morton D et al. 2001, J Appl Toxicol 21:15-23 (PMID 11180276), table of administration volumes: mouse iv 5 mL/kg good practice, 25 mL/kg possible maximum (slow injection); ip 20 mL/kg, 80 mL/kg possible maximum; the table as reproduced by institutional guidelines (◐). Used to warn when a particle dose could not be injected: its vesicles, packed as densely as spheres can be, would take more than this volume" },

  ip_volume_max_per_kg = { 80, "mL/kg", grade = "S", flag = "◐",
    source = "Diehl KH, Hull R, Morton D et al. 2001, J Appl Toxicol 21:15-23 (PMID 11180276), table of administration volumes: mouse iv 5 mL/kg good practice, 25 mL/kg possible maximum (slow injection); ip 20 mL/kg, 80 mL/kg possible maximum (◐, as above); used for the same warning for route ip" },

  liver_weight_fraction = { 0.0549, "1", grade = "M", flag = "◐",
    source = "mouse liver 5.49 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded with its table numbers in public mouse PBPK model code; read via that code, hence ◐); used for mps %ID/g (liver + spleen, docs/outputs.md)" },

  spleen_weight_fraction = { 0.0035, "1", grade = "M", flag = "◐",
    source = "mouse spleen 0.35 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in public mouse PBPK model code, ◐); Davies B, Morris T 1993, Pharm Res 10:1093-1095 give 0.5 %; used for mps %ID/g (liver + spleen, docs/outputs.md)" },

  lungs_weight_fraction = { 0.0073, "1", grade = "M", flag = "◐",
    source = "mouse lungs 0.73 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in public mouse PBPK model code, ◐); used for lungs_particles_pct_id_per_g and the rest of the body (docs/outputs.md)" },

  kidneys_weight_fraction = { 0.0167, "1", grade = "M", flag = "◐",
    source = "mouse kidneys 1.67 % of body weight, Brown RP et al. 1997, Toxicol Ind Health 13:407-484 (as encoded in public mouse PBPK model code, ◐); used for kidneys_particles_pct_id_per_g and the rest of the body (docs/outputs.md)" },
}
