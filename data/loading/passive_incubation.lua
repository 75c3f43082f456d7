-- Passive incubation: vesicles and drug are mixed and left to equilibrate; the
-- drug crosses (or sticks to) the intact membrane. MODEL.md §1: the lumen reaches
-- about the loading concentration. No membrane damage. Entry format: data/README.md.
-- Published EEs were mostly measured at one (high) input; used as EE0 here.
return {
  name = "passive_incubation",
  description = "Co-incubation of vesicles with free drug, no permeabilisation",
  note = "membrane intact: leak and MPS multipliers 1; hydrophobic drugs load better than hydrophilic ones (Fuhrmann 2015: porphyrins 28-35 % hydrophobic vs a few % hydrophilic), so the class fallback is a median of small-molecule values",

  membrane_sites = { 0.1, "1/nm2", grade = "assumed", range = { 0.02, 0.5 },
    source = "assumed, as electroporation (DEFAULTS.md 0.1 /nm2): the number of membrane sites belongs to the membrane and the drug rather than to the method; hydrophobic drugs associate with the membrane on incubation (Fuhrmann G et al. 2015 J Control Release, PARAMETERS.md 5.10)" },

  leak_multiplier = { 1.0, "1", grade = "assumed", range = { 1, 1.2 },
    source = "assumed: no membrane damage, so no extra leak (MODEL.md §9.15: multipliers are 1 unless a data file gives a value)" },

  mps_multiplier = { 1.0, "1", grade = "assumed", range = { 1, 1.2 },
    source = "assumed: intact vesicles, no faster MPS clearance (MODEL.md §9.15)" },

  recovery = { 0.8, "1", grade = "assumed", range = { 0.5, 0.95 },
    source = "assumed: only the clean-up step (ultracentrifugation or size exclusion to remove free drug) loses particles; no value in PARAMETERS.md. Report only" },

  ee0 = {
    doxorubicin = { 0.04, "1", grade = "W", flag = "◐", range = { 0.01, 0.10 },
      source = "PARAMETERS.md 5.3 / Recommended defaults: DOX EE passive 0.04 (0.01-0.10; J Nanobiotechnol 2023 review Table 3, doi 10.1186/s12951-023-01973-5: 4.16 % (16k fraction), 2.77 % (120k), A549 EVs; SEAL 2021: active loading about 10x passive). Measured at one loading input" },
    small_molecule = { 0.079, "1", grade = "W", flag = "◐", range = { 0.01, 0.67 },
      source = "class fallback: median of paclitaxel incubation EEs 1.44 % (Kim 2016), 7.9 % (bovine milk, Agrawal 2017), 10.03 % (Saari 2015) (PARAMETERS.md 5.5-5.7, ◐ via Heliyon 2023 table); range = incubation 1-67 % (Rankin-Turner 2021, PARAMETERS.md 5.11 ✔)" },
  },

  lumen_conc_max = {
    doxorubicin = { 0.001, "mol/L", grade = "assumed", range = { 0.0001, 0.01 },
      source = "assumed: passive loading brings the lumen to about the loading concentration (MODEL.md §1), i.e. no concentration above the bath; 1 mM is the lower end of PARAMETERS.md 'Max DOX per EV' range (1-100 mM) and about 0.6 mg/mL DOX in the bath" },
    small_molecule = { 0.001, "mol/L", grade = "assumed", range = { 0.0001, 0.01 },
      source = "assumed as doxorubicin: lumen at about the loading concentration (MODEL.md §1)" },
  },
}
