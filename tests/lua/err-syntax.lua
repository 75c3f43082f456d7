-- Fixture of tests/test-script.c: a script that does not compile.
local x = = 1
