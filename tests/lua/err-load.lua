-- Fixture of tests/test-script.c: exopk.load of a bad study raises the
-- loader's message unchanged (arg[1]: the study file).
local exopk = require "exopk"
exopk.load(arg[1])
