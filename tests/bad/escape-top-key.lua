-- expect: escape-top-key.lua:2: ["\x1b]0;x\x07"]: unknown field (available: name, subject, horizon, output_every, formulations, arms, params, solver, variability, batch, correlations, uncertainty, data)
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} }, ["\27]0;x\7"] = 1 }
