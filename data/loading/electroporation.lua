-- Electroporation: a field pulse opens transient pores; cargo equilibrates with
-- the lumen and sticks to the membrane. docs/model.md §1 (loading). Entry format and
-- the meaning of ee0 / lumen_conc_max: data/README.md.
-- Published EEs are usually measured at high (saturating) input; used here as EE0
-- (the efficiency at low input) they are an upper-end choice, since a = cap_tot
-- (1 - exp(-EE0 u / cap_tot)) only equals EE0 u while u is small.
-- siRNA / anti-miR / miRNA mimic (classes "sirna", "antimir", "mirna_mimic"): defaults
-- give EE 0.05 (0.0005-0.3, W) for electroporation, discounted for the Kooijmans 2013
-- aggregation artefact. The lumen holds only tens of RNA duplexes (lumen_conc_max
-- 0.1 mM = 23 per 100 nm vesicle), so most associated RNA lands in the membrane pool
-- (membrane_sites below): read it as RNA stuck to the surface or co-pelleted
-- aggregates, which the RNA agents leak quickly (k_leak_membrane 0.1 /h).
return {
  name = "electroporation",
  description = "Electroporation of isolated vesicles with the cargo in the buffer",
  note = "electroporation can aggregate siRNA and inflate apparent EE (Kooijmans 2013, J Control Release 172:229): siRNA precipitates co-pellet with EVs; RNA is mostly surface-bound (membrane pool); membranes are damaged, so leak and MPS multipliers are above 1",

  membrane_sites = { 0.1, "1/nm2", grade = "assumed", range = { 0.02, 0.5 },
    source = "assumed: about 1 DOX per 17 lipids of the outer leaflet (about 0.6 nm2 per lipid); docs/model.md §1 says cap_mem scales with membrane area but gives no constant. Gives cap_mem 3141.6 molecules for a 100 nm vesicle" },

  leak_multiplier = { 1.5, "1", grade = "assumed", range = { 1, 3 },
    source = "assumed: electroporation damages membranes so cargo leaks faster (docs/model.md §1 integrity multipliers, no published value)" },

  mps_multiplier = { 1.2, "1", grade = "assumed", range = { 1, 2 },
    source = "assumed: damaged vesicles are cleared faster by the MPS (docs/model.md §1, no published value)" },

  recovery = { 0.7, "1", grade = "assumed", range = { 0.3, 0.9 },
    source = "assumed: particles recovered after electroporation and clean-up (report only). Lennaard 2021 Pharmaceutics 14:38 optimised EV recovery but the value was not retrieved" },

  ee0 = {
    doxorubicin = { 0.2, "1", grade = "M", flag = "✔", range = { 0.05, 0.2 },
      source = "DOX EE up to 20 % by electroporation (Tian Y et al. 2014, Biomaterials 35:2383-2390, doi 10.1016/j.biomaterials.2013.11.083; Rankin-Turner S et al. 2021, Adv Drug Deliv Rev 173:479-491, PMID 33862168: 0.5-50 %); data/README.md, 'Default calibration'. Measured at high input: an upper-end EE0" },
    small_molecule = { 0.053, "1", grade = "W", flag = "◐", range = { 0.005, 0.5 },
      source = "class fallback: paclitaxel by electroporation 5.3 % (Kim MS et al. 2016, Nanomedicine NBM 12:655, via Heliyon 2023 table); range = small molecules by electroporation 0.5-50 % (Rankin-Turner S et al. 2021, Adv Drug Deliv Rev 173:479-491, PMID 33862168). Measured at high input" },
    sirna = { 0.05, "1", grade = "W", flag = "◐", range = { 0.0005, 0.3 },
      source = "siRNA EE by electroporation 0.05 (0.0005-0.3): review range < 0.5-62 % (Rankin-Turner S et al. 2021, Adv Drug Deliv Rev 173:479-491, PMID 33862168, Table 1, ✔) discounted for the aggregation artefact (Kooijmans SAA et al. 2013 J Control Release 172:229: siRNA precipitates co-pellet with EVs and inflate apparent loading; true loading possibly ~0.05 %, read via citing statements, ◐/✱ -- the lower range end). Measured at high input" },
    antimir = { 0.05, "1", grade = "W", range = { 0.0005, 0.3 },
      source = "as sirna (siRNA / anti-miR EE by electroporation 0.05, 0.0005-0.3): LNA anti-miR-142-3p (Naseri 2018 Int J Nanomedicine 13:7727) and anti-miR-214 (Wang X et al. 2018, Mol Ther 26:774-783) were loaded by electroporation, EE not retrieved (gap). A single strand may aggregate less than a duplex; no number" },
    mirna_mimic = { 0.05, "1", grade = "W", range = { 0.0005, 0.3 },
      source = "as sirna (siRNA EE by electroporation 0.05, 0.0005-0.3): a miRNA mimic is a 22-nt RNA duplex of the siRNA's size and charge, so it is taken to load (and aggregate, Kooijmans 2013) like one. No mimic EE by electroporation was found (gap); exosome let-7a studies loaded it through the producer cells instead (Ohno S et al. 2013, Mol Ther 21:185-191, doi 10.1038/mt.2012.180)" },
  },

  lumen_conc_max = {
    doxorubicin = { 0.01, "mol/L", grade = "W", range = { 0.001, 0.1 },
      source = "derived: at most about 2,300 DOX per 100 nm vesicle, the lumen at 10 mM (range 1-100 mM; data/README.md, 'Default calibration'). Gives cap_lum 2298.7 molecules for 100 nm" },
    small_molecule = { 0.01, "mol/L", grade = "W", range = { 0.001, 0.1 },
      source = "as doxorubicin ('lumen at 10 mM', 1-100 mM): pores let the lumen equilibrate with a concentrated loading buffer; no precipitation assumed" },
    sirna = { 0.0001, "mol/L", grade = "assumed", range = { 0.00001, 0.001 },
      source = "assumed, derived: electroporation pores let the lumen equilibrate with the loading buffer; RNA is not concentrated inside. A 100 nm vesicle has a 90 nm lumen of 3.8e-19 L, so 1 molecule per lumen = 4.35 uM and 0.1 mM = 23 molecules. Physical ceiling, derived: an uncondensed siRNA duplex (2 nm x 6 nm rod, -40 charges) keeps neighbours ~10 nm away, ~1,000 nm3 each, so a 3.8e5 nm3 lumen holds at most ~400 (~1.7 mM) -- 'tens to hundreds'. 0.1 mM (23 per 100 nm vesicle, 'tens') lies between the bath equilibrium of typical protocols (tens of uM siRNA, a few molecules per lumen; lower range end 0.01 mM) and the packing ceiling (upper end 1 mM = 230)" },
    antimir = { 0.0001, "mol/L", grade = "assumed", range = { 0.00001, 0.001 },
      source = "assumed as sirna: the lumen reaches about the buffer concentration; a 5 kDa single strand packs more densely than a duplex, so the upper range end is less of a limit" },
    mirna_mimic = { 0.0001, "mol/L", grade = "assumed", range = { 0.00001, 0.001 },
      source = "assumed as sirna: a 22-nt mimic duplex is an siRNA-sized rod; the lumen reaches about the buffer concentration (0.1 mM = 23 per 100 nm vesicle)" },
  },
}
