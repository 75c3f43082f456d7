-- expect: returns-number.lua: must return a table (got number)
return 42
