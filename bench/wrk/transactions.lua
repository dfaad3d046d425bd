-- wrk: POST /api/v1/transactions as a random member in $TOKENS; 10% of them are held for approval
-- (amount 600.00 ≥ the 500.00 threshold), the others stay below both thresholds. Bodies unique.
dofile((os.getenv("BENCH_WRK_DIR") or "bench/wrk") .. "/common.lua")
local channels = { "CARD", "BANK_TRANSFER", "WIRE", "CHECK", "OTHER" }

function request()
   seq_no = seq_no + 1
   local amount
   if math.random(10) == 1 then amount = "600.00" else amount = string.format("%d.%02d", math.random(1, 499), math.random(0, 99)) end
   local body = string.format(
      '{"amount":"%s","currency":"EUR","payee":"Payee %d","channel":"%s","occurredAt":"%s","riskScore":%d,"externalRef":"wrk-t%d-n%d"}',
      amount, math.random(1, 5000), channels[math.random(#channels)], now_iso(), math.random(0, 69), tid, seq_no)
   return wrk.format("POST", "/api/v1/transactions", auth(math.random(#tokens)), body)
end
