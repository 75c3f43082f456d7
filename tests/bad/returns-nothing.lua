-- expect: returns-nothing.lua: must return a table (got nil)
local t = {}
