-- expect: escape-species.lua:2: subject.species: unknown species "mo\x1b[31muse" (available: human, mouse, rat)
return { subject = { species = "mo\27[31muse" }, horizon = "1 d", arms = { control = {} } }
