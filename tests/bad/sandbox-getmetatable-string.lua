-- expect: sandbox-getmetatable-string.lua:2: attempt to call a nil value (global 'getmetatable')
getmetatable("").__index = nil
return {}
