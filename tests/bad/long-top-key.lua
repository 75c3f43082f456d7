-- expect: long-top-key.lua: ["kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk..."]: unknown field (available: name, subject, horizon, output_every, formulations, arms, params, solver, variability, batch, correlations, uncertainty, data)
return { [("k"):rep(3000)] = 1, subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
