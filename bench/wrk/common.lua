-- Shared by the wrk scripts in bench/wrk (loaded with dofile). Environment:
--   TOKENS  file of "sub<TAB>token" lines (bench/tools/Tokens.java); requests rotate over them
--   RATE    optional total request rate (req/s) to hold, for latency at a fixed load: each
--           connection pauses CONNS*1000/RATE ms between requests (wrk's delay() hook)
--   CONNS   the -c value (needed with RATE)
--   EXPECT  the status every response must have (default 201); others are counted as bad
-- done() prints one machine-readable line: RESULT rps=… p50_ms=… p90_ms=… p99_ms=… max_ms=… bad=… …

local threads = {}
local next_id = 0

function setup(thread)
   next_id = next_id + 1
   thread:set("tid", next_id)
   table.insert(threads, thread)
end

tokens, subs = {}, {}
seq_no, bad, bad_status = 0, 0, ""
expect = tonumber(os.getenv("EXPECT") or "201")
local pause = nil

function init(args)
   for line in io.lines(os.getenv("TOKENS")) do
      local sub, tok = line:match("^(%S+)\t(%S+)$")
      if tok then
         subs[#subs + 1] = sub
         tokens[#tokens + 1] = tok
      end
   end
   math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
   local rate, conns = tonumber(os.getenv("RATE") or ""), tonumber(os.getenv("CONNS") or "")
   if rate and conns and rate > 0 then pause = conns * 1000 / rate end
   if init_more then init_more(args) end
end

-- Defined only when RATE is set: wrk takes another code path for every request once delay() exists.
if os.getenv("RATE") then
   function delay()
      return pause or 0
   end
end

function now_iso()
   return os.date("!%Y-%m-%dT%H:%M:%SZ")
end

function auth(i)
   return { ["Authorization"] = "Bearer " .. tokens[i], ["Content-Type"] = "application/json",
            ["Accept"] = "application/json" }
end

function response(status, headers, body)
   if status ~= expect then
      bad = bad + 1
      if #bad_status < 200 then bad_status = bad_status .. status .. ":" .. string.sub(body or "", 1, 120) .. " | " end
   end
end

function done(summary, latency, requests)
   local total_bad, sample = 0, ""
   for _, t in ipairs(threads) do
      total_bad = total_bad + (t:get("bad") or 0)
      if sample == "" then sample = t:get("bad_status") or "" end
   end
   local secs = summary.duration / 1e6
   io.write(string.format(
      "RESULT rps=%.1f requests=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f mean_ms=%.2f bad=%d socket_errors=%d duration_s=%.1f\n",
      summary.requests / secs, summary.requests, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000, latency.mean / 1000, total_bad,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, secs))
   if total_bad > 0 then io.write("BAD_SAMPLE " .. sample .. "\n") end
end
