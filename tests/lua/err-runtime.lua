-- Fixture of tests/test-script.c: a script that raises at run time.
-- The host must report "err-runtime.lua:LINE: boom" and a traceback.
local function inner()
  error("boom")                       -- line 4
end
local function outer() inner() end
outer()
