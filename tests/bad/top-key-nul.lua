-- expect: top-key-nul.lua: a key with a NUL byte
return { ["horizon\0x"] = "1 d", subject = { species = "mouse" }, horizon = "1 d", arms = { control = {} } }
