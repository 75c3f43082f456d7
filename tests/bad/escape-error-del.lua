-- expect: escape-error-del.lua:2: a\x7fb\x08c
error("a\127b\8c")
return { subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
