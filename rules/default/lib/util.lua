-- Small helpers shared by the rules of this set.
local M = {}

local sort, concat, pairs, floor = table.sort, table.concat, pairs, math.floor

-- The keys of a set in a fixed order: pairs() visits keys in no fixed order, and advice must
-- come out the same every time.
function M.sorted_keys(set)
  local out = {}
  for k in pairs(set) do out[#out + 1] = k end
  sort(out)
  return out
end

-- "a", "a en b", "a, b en c".
function M.dutch_list(words)
  local n = #words
  if n == 0 then return "" end
  if n == 1 then return words[1] end
  return concat(words, ", ", 1, n - 1) .. " en " .. words[n]
end

function M.contains(list, x)
  for i = 1, #list do
    if list[i] == x then return true end
  end
  return false
end

-- 0-based position of x in list, or #list when it is not there (after everything listed).
function M.position(list, x)
  for i = 1, #list do
    if list[i] == x then return i - 1 end
  end
  return #list
end

function M.round(x)
  return floor(x + 0.5)
end

return M
