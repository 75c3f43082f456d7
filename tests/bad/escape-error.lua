-- expect: escape-error.lua:2: \x1b[2J\x1b]0;pwned\x07 gotcha
error("\27[2J\27]0;pwned\7 gotcha")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
