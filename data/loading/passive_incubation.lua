-- Passive incubation: vesicles and drug are mixed and left to equilibrate; the
-- drug crosses (or sticks to) the intact membrane. docs/model.md §1: the lumen reaches
-- about the loading concentration. No membrane damage. Entry format: data/README.md.
-- Published EEs were mostly measured at one (high) input; used as EE0 here.
-- RNA: only HYDROPHOBICALLY CONJUGATED siRNA (cholesterol, vitamin E, fatty acids)
-- loads by incubation: the conjugate inserts into the membrane (Biscans 2018). The
-- sirna entry below (EE 0.75) is for such siRNAs; an unconjugated siRNA such as the
-- library's sirna_* agents barely loads this way (override ee0.sirna, e.g. 0.01). No
-- antimir entry: the library's LNA anti-miRs are unconjugated and no EE for
-- cholesterol-conjugated antagomirs by incubation was found, so the loader reports
-- that this method has no EE for anti-miR.
return {
  name = "passive_incubation",
  description = "Co-incubation of vesicles with free drug, no permeabilisation",
  note = "membrane intact: leak and MPS multipliers 1; hydrophobic drugs load better than hydrophilic ones (Fuhrmann 2015); siRNA loads only when hydrophobically conjugated (EE 0.75 is for such siRNA); no anti-miR EE",

  membrane_sites = { 0.1, "1/nm2", grade = "assumed", range = { 0.02, 0.5 },
    source = "assumed, as electroporation (data/README.md, 'Default calibration': 0.1 /nm2): the number of membrane sites belongs to the membrane and the drug rather than to the method; hydrophobic drugs associate with the membrane on incubation (Fuhrmann G et al. 2015, J Control Release)" },

  leak_multiplier = { 1.0, "1", grade = "assumed", range = { 1, 1.2 },
    source = "assumed: no membrane damage, so no extra leak (docs/model.md §9.15: multipliers are 1 unless a data file gives a value)" },

  mps_multiplier = { 1.0, "1", grade = "assumed", range = { 1, 1.2 },
    source = "assumed: intact vesicles, no faster MPS clearance (docs/model.md §9.15)" },

  recovery = { 0.8, "1", grade = "assumed", range = { 0.5, 0.95 },
    source = "assumed: only the clean-up step (ultracentrifugation or size exclusion to remove free drug) loses particles; no published value. Report only" },

  ee0 = {
    doxorubicin = { 0.04, "1", grade = "W", flag = "◐", range = { 0.01, 0.10 },
      source = "DOX EE passive 0.04 (0.01-0.10; via a J Nanobiotechnol 2023 review, Table 3, doi 10.1186/s12951-023-01973-5: 4.16 % (16k fraction), 2.77 % (120k), A549 EVs; SEAL 2021: active loading about 10x passive). Measured at one loading input" },
    small_molecule = { 0.079, "1", grade = "W", flag = "◐", range = { 0.01, 0.67 },
      source = "class fallback: median of paclitaxel incubation EEs 1.44 % (Kim MS et al. 2016, Nanomedicine 12:655-664), 7.9 % (bovine milk, Agrawal 2017), 10.03 % (Saari 2015) (◐ via Heliyon 2023 table); range = incubation 1-67 % (Rankin-Turner S et al. 2021, Adv Drug Deliv Rev 173:479-491, PMID 33862168)" },
    sirna = { 0.75, "1", grade = "M", flag = "✔", range = { 0.7, 0.8 },
      source = "hydrophobic-conjugated siRNA by incubation 70-80 % (Rankin-Turner S et al. 2021, Adv Drug Deliv Rev 173:479-491, PMID 33862168, Table 1; Biscans A et al. 2018 Mol Ther 26:1520: loading scales with conjugate hydrophobicity). ONLY for cholesterol/lipid-conjugated siRNA; the conjugate sits in the membrane pool. Unconjugated siRNA: override (about 0.01)" },
  },

  lumen_conc_max = {
    doxorubicin = { 0.001, "mol/L", grade = "assumed", range = { 0.0001, 0.01 },
      source = "assumed: passive loading brings the lumen to about the loading concentration (docs/model.md §1), i.e. no concentration above the bath; 1 mM is the lower end 'Max DOX per EV' range (1-100 mM) and about 0.6 mg/mL DOX in the bath" },
    small_molecule = { 0.001, "mol/L", grade = "assumed", range = { 0.0001, 0.01 },
      source = "assumed as doxorubicin: lumen at about the loading concentration (docs/model.md §1)" },
    sirna = { 0.00001, "mol/L", grade = "assumed", range = { 0.000001, 0.0001 },
      source = "assumed: without permeabilisation the lumen only holds what the bath holds, 1-100 uM siRNA in incubation protocols, i.e. a few molecules per 100 nm lumen (1 molecule = 4.35 uM); conjugated siRNA loads into the membrane pool instead (cap_mem)" },
  },
}
