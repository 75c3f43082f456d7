-- expect: escape-error-c1.lua:2: before \xc2\x9b31m after
error("before \u{9b}31m after")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
