-- Counts every response whose status is not 2xx (wrk itself only counts statuses above 399, so a
-- redirect would pass as a fast success). bench/run.py reads the BENCH_NON2XX line.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  non2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("non2xx")
  end
  io.write(string.format("BENCH_NON2XX %d\n", total))
end
