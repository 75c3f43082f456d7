-- Sonication: ultrasound disrupts and re-seals membranes in the presence of the
-- drug; hydrophobic drugs also end up in the membrane. Entry format: data/README.md.
-- No DOX-specific sonication EE is, so doxorubicin falls back to
-- the small_molecule class value (this file shows the fallback on purpose).
-- Published EEs are measured at high input; used as EE0 here.
-- No RNA entries: sonication has been used to load small RNAs into EVs (background
-- knowledge, e.g. Lamichhane 2016), but no EE value was found in the
-- literature searched, so the loader reports that this method has no EE for sirna/antimir.
return {
  name = "sonication",
  description = "Probe/bath sonication of vesicles with the drug",
  note = "membranes are disrupted and re-formed: leak and MPS multipliers as electroporation (assumed); hydrophobic drugs (paclitaxel) load best",

  membrane_sites = { 0.1, "1/nm2", grade = "assumed", range = { 0.02, 0.5 },
    source = "assumed, as electroporation (data/README.md, 'Default calibration': 0.1 /nm2): membrane sites set by area and drug; sonication favours membrane association of hydrophobic drugs (Kim MS et al. 2016, Nanomedicine 12:655-664)" },

  leak_multiplier = { 1.5, "1", grade = "assumed", range = { 1, 3 },
    source = "assumed as electroporation (data/README.md, 'Default calibration': 1.5): membranes damaged and re-sealed (docs/model.md §1 integrity multipliers; no published value)" },

  mps_multiplier = { 1.2, "1", grade = "assumed", range = { 1, 2 },
    source = "assumed as electroporation (data/README.md, 'Default calibration': 1.2): damaged vesicles cleared faster (docs/model.md §1)" },

  recovery = { 0.7, "1", grade = "assumed", range = { 0.3, 0.9 },
    source = "assumed as electroporation (data/README.md, 'Default calibration': 0.7): processing and clean-up losses; no published value. Report only" },

  ee0 = {
    small_molecule = { 0.28, "1", grade = "M", flag = "◐", range = { 0.08, 0.30 },
      source = "paclitaxel by sonication 28.29 % (Kim MS et al. 2016, Nanomedicine NBM 12:655, via Heliyon 2023;9:e20742 Table 1); range = small molecules by sonication 8-30 % (Rankin-Turner S et al. 2021, Adv Drug Deliv Rev 173:479-491, PMID 33862168); gemcitabine 11.7 % (Li 2020). Measured at high input. Doxorubicin uses this class value" },
  },

  lumen_conc_max = {
    small_molecule = { 0.01, "mol/L", grade = "assumed", range = { 0.001, 0.1 },
      source = "assumed as electroporation ('lumen at 10 mM', range 1-100 mM): the re-sealed lumen holds about the concentrated loading solution, no precipitation" },
  },
}
