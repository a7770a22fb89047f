-- What the headless Neovim tests share: "ok"/"not ok" lines, the tally, and the exit status.
local M = { passed = 0, failed = 0 }

function M.out(line)
  io.stdout:write(line .. "\n")
end

-- A failed check `name` with its error.
function M.fail(name, err)
  M.failed = M.failed + 1
  M.out("not ok - " .. name)
  M.out("  " .. tostring(err):gsub("\n", "\n  "))
end

-- Runs `fn` as the check `name`; returns whether it passed.
function M.check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    M.passed = M.passed + 1
    M.out("ok - " .. name)
  else
    M.fail(name, err)
  end
  return ok
end

-- Prints "<title>: N passed, N failed" and quits, non-zero when a check failed.
function M.finish(title)
  M.out(("%s: %d passed, %d failed"):format(title, M.passed, M.failed))
  io.stdout:flush()
  vim.cmd(M.failed == 0 and "qall!" or "cquit! 1")
end

return M
