-- expect: returns-function.lua: must return a table (got function)
return function() return {} end
