-- Active (remote) loading through a transmembrane pH / ammonium-sulfate gradient,
-- as in the SEAL method for milk EVs (sonication + extrusion to form the gradient,
-- then DOX accumulates in the acidic lumen). Weak amphipathic bases such as DOX
-- concentrate far above the bath and precipitate in the lumen (docs/model.md §1), so the
-- reachable lumen concentration is much higher than for the other methods.
-- Published EEs are measured at high input; used as EE0 here. Entry format: data/README.md.
-- RNA: Jeyaram et al. 2020 (Mol Ther, PMC7054713) loaded siRNA into EVs whose lumen was
-- acidified (a pH gradient), 6.5 % of 1,000 pmol into 10 ug EVs
-- anti-miR is entered with the same EE, assumed.
return {
  name = "ph_gradient",
  description = "Active loading by a transmembrane (NH4)2SO4 / pH gradient (SEAL-type)",
  note = "only lipid-enclosed particles load actively: in the SEAL study > 85 % of casein-positive particles carried no DOX (PMC8558234); only weak amphipathic bases (DOX) are concentrated, other small molecules load as in passive incubation",

  membrane_sites = { 0.1, "1/nm2", grade = "assumed", range = { 0.02, 0.5 },
    source = "assumed, as electroporation (data/README.md, 'Default calibration': 0.1 /nm2): membrane sites set by area and drug" },

  leak_multiplier = { 1.0, "1", grade = "assumed", range = { 0.3, 1.5 },
    source = "assumed: the gradient is made by sonication + extrusion (membrane stress, >1) but precipitated drug in the lumen is retained (slower leak, <1); the two are taken to cancel. No value " },

  mps_multiplier = { 1.2, "1", grade = "assumed", range = { 1, 2 },
    source = "assumed as electroporation (data/README.md, 'Default calibration': 1.2): sonication + extrusion damage the surface (docs/model.md §1)" },

  recovery = { 0.5, "1", grade = "assumed", range = { 0.2, 0.8 },
    source = "assumed: sonication, extrusion, gradient exchange and removal of free drug lose more particles than a single step; no published value. Report only" },

  ee0 = {
    doxorubicin = { 0.3, "1", grade = "W", flag = "✔", range = { 0.1, 0.5 },
      source = "DOX EE by active (NH4)2SO4 gradient after sonication + extrusion about 10x passive (SEAL 2021, bovine milk EVs, PMC8558234) => 0.3 (0.1-0.5). Measured at high input" },
    small_molecule = { 0.04, "1", grade = "assumed", range = { 0.01, 0.1 },
      source = "assumed: a pH gradient concentrates only weak amphipathic bases; other small molecules load about as by passive incubation (DOX passive 0.04)" },
    sirna = { 0.065, "1", grade = "W", flag = "✔", range = { 0.02, 0.15 },
      source = "pH-gradient EVs loaded 6.5 % of 1,000 pmol siRNA into 10 ug EVs (65 pmol/10 ug; re-used filtrate 5.4-5.8 %), Jeyaram A et al. 2020 Mol Ther, PMC7054713: Table 1 (fluorescence; author ✱). Measured at one high input (~6,000 offered per vesicle at 1e10 particles/ug). Range assumed" },
    antimir = { 0.065, "1", grade = "assumed", range = { 0.01, 0.15 },
      source = "assumed as sirna (Jeyaram A et al. 2020, Mol Ther, PMC7054713): the pH-gradient method was shown for small RNAs; no anti-miR EE was found. Wider range" },

    mirna_mimic = { 0.065, "1", grade = "assumed", range = { 0.02, 0.15 },
      source = "assumed as sirna (Jeyaram A et al. 2020, Mol Ther, PMC7054713, 6.5 % for siRNA): a miRNA mimic is a small RNA duplex of the siRNA's size and charge, the kind of cargo the method was shown for; no mimic-specific EE was read" },
  },

  lumen_conc_max = {
    doxorubicin = { 0.1, "mol/L", grade = "W", range = { 0.01, 0.2 },
      source = "upper end 'Max DOX per EV' lumen range (1-100 mM, W): DOX precipitates in the lumen under a gradient, so the lumen holds far more than the bath (docs/model.md §1). 100 mM gives about 23,000 molecules in a 100 nm vesicle. Upper range bound assumed" },
    small_molecule = { 0.001, "mol/L", grade = "assumed", range = { 0.0001, 0.01 },
      source = "assumed: without accumulation/precipitation the lumen holds about the bath concentration, as passive incubation" },
    sirna = { 0.001, "mol/L", grade = "W", range = { 0.0003, 0.003 },
      source = "derived from Jeyaram A et al. 2020, Mol Ther, PMC7054713 : 65 pmol siRNA per 10 ug EVs = 3.9e13 molecules per 1e11 vesicles (1e10 particles/ug, carriers/msc.lua) = ~390 per vesicle (130 at 3e10/ug) -- at the packing ceiling. A 100 nm vesicle has a 90 nm lumen of 3.8e-19 L, so 1 molecule per lumen = 4.35 uM and 0.1 mM = 23 molecules. Physical ceiling, derived: an uncondensed siRNA duplex (2 nm x 6 nm rod, -40 charges) keeps neighbours ~10 nm away, ~1,000 nm3 each, so a 3.8e5 nm3 lumen holds at most ~400 (~1.7 mM) -- 'tens to hundreds'. 1 mM = 230 per 100 nm vesicle; range 70-690" },
    antimir = { 0.001, "mol/L", grade = "assumed", range = { 0.0003, 0.003 },
      source = "assumed as sirna (Jeyaram A et al. 2020, Mol Ther, PMC7054713): hundreds of oligonucleotides per 100 nm lumen" },

    mirna_mimic = { 0.001, "mol/L", grade = "assumed", range = { 0.0003, 0.003 },
      source = "assumed as sirna (Jeyaram A et al. 2020, Mol Ther, PMC7054713): hundreds of small RNA duplexes per 100 nm lumen, up to the packing ceiling of an siRNA-sized rod" },
  },
}
