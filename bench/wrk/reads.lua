-- wrk: the advocate/member read mix, half GET /api/v1/approvals?status=PENDING (oldest first),
-- half GET /api/v1/security-logs?limit=20 (newest first), each as a random member in $TOKENS.
-- Set LOG_QUERY to add filters (e.g. "&type=TRANSACTION"). Expects 200.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
local log_query = os.getenv("LOG_QUERY") or ""
local path_only = os.getenv("READ_ONLY")  -- "logs" or "approvals" to measure one page kind alone

function request()
   seq_no = seq_no + 1
   local i = math.random(#tokens)
   local logs
   if path_only == "logs" then logs = true elseif path_only == "approvals" then logs = false else logs = (seq_no % 2 == 0) end
   if logs then
      return wrk.format("GET", "/api/v1/security-logs?limit=20" .. log_query, auth(i))
   end
   return wrk.format("GET", "/api/v1/approvals?status=PENDING&limit=20", auth(i))
end
