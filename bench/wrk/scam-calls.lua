-- wrk: POST /api/v1/scam-calls as one of the members in $TOKENS (random), every body unique.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
local verdicts = { "BLOCKED", "WARNED", "ALLOWED", "REPORTED" }

function request()
   seq_no = seq_no + 1
   local body = string.format(
      '{"callerNumber":"+4477009%05d","occurredAt":"%s","durationSeconds":%d,"riskScore":%d,"verdict":"%s","notes":"wrk t%d n%d"}',
      math.random(0, 99999), now_iso(), math.random(0, 600), math.random(0, 100), verdicts[math.random(4)],
      tid, seq_no)
   return wrk.format("POST", "/api/v1/scam-calls", auth(math.random(#tokens)), body)
end
