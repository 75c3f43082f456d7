-- expect: returns-string.lua: must return a table (got string)
local study = "mouse, 28 d"
return study
