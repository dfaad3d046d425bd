#!/usr/bin/env python3
"""Contention drivers (threads + http.client, one keep-alive connection per thread).

  contention.py approvals URL MEMBER_TOKENS ADVOCATE_TOKENS [--rounds 200] [--advocates 50]
      The member links every advocate, then each round holds one transaction (600.00 ≥ threshold)
      and all advocates resolve its approval at the same instant (a barrier), half APPROVE, half
      REJECT. Checks: exactly one 200 per round, every other answer a 409 problem carrying the
      approval, the approval ends in the winner's decision; reports p50/p99 of all resolutions.

  contention.py one-member URL MEMBER_TOKENS [--threads 200] [--posts 5]
      200 threads post scam calls for the SAME member at once (each --posts times). Reports the
      throughput; the caller then checks seq is gapless and the chain valid (verify endpoint).
"""
import argparse
import json
import random
import sys
import threading
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import Http, load_tokens, ms, now_iso, pct  # noqa: E402

FAILS = 0


def result(ok, name, detail):
    global FAILS
    print("%s %s: %s" % ("PASS" if ok else "FAIL", name, detail), flush=True)
    if not ok:
        FAILS += 1


def approvals(a):
    http = Http(a.url)
    (member, mtok), = load_tokens(a.member_tokens)[:1]
    advocates = load_tokens(a.advocate_tokens)[:a.advocates]
    for sub, _ in advocates:
        r = http.request("PUT", "/api/v1/members/me/advocates/" + sub, mtok)
        if r.status not in (200, 201):
            sys.exit("linking advocate %s failed: %d %s" % (sub, r.status, r.body[:200]))
    n = len(advocates)
    barrier = threading.Barrier(n + 1)
    current = {"id": None}
    answers = [None] * n
    stop = threading.Event()
    rnd = random.Random(a.seed)
    decisions = [("APPROVE" if k % 2 == 0 else "REJECT") for k in range(n)]

    def advocate(k):
        sub, tok = advocates[k]
        while True:
            barrier.wait()
            if stop.is_set():
                return
            path = "/api/v1/approvals/%s/resolution" % current["id"]
            answers[k] = http.request("POST", path, tok, {"decision": decisions[k], "note": "bench %s" % sub})
            barrier.wait()

    threads = [threading.Thread(target=advocate, args=(k,), daemon=True) for k in range(n)]
    for t in threads:
        t.start()
    latencies, bad_rounds, not_one, bad_losers, wrong_final = [], [], 0, 0, 0
    t0 = time.time()
    for rnd_no in range(a.rounds):
        r = http.request("POST", "/api/v1/transactions", mtok,
                         {"amount": "600.00", "currency": "EUR", "payee": "Contention %d" % rnd_no, "channel": "WIRE",
                          "occurredAt": now_iso(), "riskScore": rnd.randrange(70)})
        if r.status != 201 or not r.json().get("approvalRequired"):
            sys.exit("holding a transaction failed: %d %s" % (r.status, r.body[:300]))
        current["id"] = r.json()["approval"]["id"]
        barrier.wait()   # go
        barrier.wait()   # all answered
        winners = [k for k in range(n) if answers[k].status == 200]
        losers = [k for k in range(n) if answers[k].status != 200]
        latencies.extend(x.elapsed for x in answers)
        if len(winners) != 1:
            not_one += 1
            bad_rounds.append((rnd_no, sorted({answers[k].status for k in range(n)})))
            continue
        for k in losers:
            x = answers[k]
            try:
                doc = x.json()
                ok = (x.status == 409 and x.content_type.startswith("application/problem+json")
                      and doc.get("approval", {}).get("id") == current["id"])
            except Exception:
                ok = False
            if not ok:
                bad_losers += 1
        final = http.request("GET", "/api/v1/approvals/" + current["id"], mtok).json()
        expect = "APPROVED" if decisions[winners[0]] == "APPROVE" else "REJECTED"
        if final.get("status") != expect or final.get("resolvedBy") != advocates[winners[0]][0]:
            wrong_final += 1
    wall = time.time() - t0
    stop.set()
    barrier.wait()
    result(not_one == 0, "exactly one winner per approval",
           "%d rounds x %d advocates, %d rounds without exactly one winner %s"
           % (a.rounds, n, not_one, bad_rounds[:5]))
    result(bad_losers == 0, "losers get 409 with the approval", "%d losers answered otherwise" % bad_losers)
    result(wrong_final == 0, "final state is the winner's", "%d approvals in another state" % wrong_final)
    p99 = pct(latencies, 99)
    result(p99 <= a.p99_limit / 1000.0, "resolution latency under contention",
           "p50 %.1f ms, p99 %.1f ms, max %.1f ms over %d resolutions (limit p99 %d ms); %.1f s wall"
           % (ms(pct(latencies, 50)), ms(p99), ms(max(latencies)), len(latencies), a.p99_limit, wall))
    print("FIGURES " + json.dumps({"rounds": a.rounds, "advocates": n, "p50_ms": ms(pct(latencies, 50)),
                                   "p99_ms": ms(p99), "max_ms": ms(max(latencies)), "wall_s": round(wall, 1)}))


def one_member(a):
    http = Http(a.url)
    (member, tok), = load_tokens(a.member_tokens)[:1]
    barrier = threading.Barrier(a.threads)
    results = [[] for _ in range(a.threads)]

    def poster(k):
        barrier.wait()
        for i in range(a.posts):
            r = http.request("POST", "/api/v1/scam-calls", tok,
                             {"callerNumber": "+4477009%05d" % k, "occurredAt": now_iso(), "riskScore": 50,
                              "verdict": "BLOCKED", "notes": "one-member %d/%d" % (k, i)})
            results[k].append(r)
        http.close()

    threads = [threading.Thread(target=poster, args=(k,)) for k in range(a.threads)]
    for t in threads:
        t.start()
    t0 = time.time()
    for t in threads:
        t.join()
    wall = time.time() - t0
    flat = [r for rs in results for r in rs]
    ok = [r for r in flat if r.status == 201]
    seqs = sorted(r.json()["seq"] for r in ok)
    statuses = {}
    for r in flat:
        statuses[r.status] = statuses.get(r.status, 0) + 1
    result(len(ok) == len(flat), "all concurrent posts for one member accepted",
           "%d posts from %d threads, statuses %s" % (len(flat), a.threads, statuses))
    result(len(set(seqs)) == len(seqs), "no seq handed out twice", "%d distinct seq of %d" % (len(set(seqs)), len(seqs)))
    lat = [r.elapsed for r in ok]
    print("FIGURES " + json.dumps({"posts": len(flat), "threads": a.threads, "wall_s": round(wall, 2),
                                   "posts_per_s": round(len(flat) / wall, 1), "p50_ms": ms(pct(lat, 50)),
                                   "p99_ms": ms(pct(lat, 99)), "member": member}))
    v = http.request("GET", "/api/v1/security-logs/verify?memberId=" + member, tok)
    doc = v.json() if v.status == 200 else {}
    result(v.status == 200 and doc.get("valid") is True and doc.get("entries") == len(ok),
           "chain valid after concurrent posts", "verify %d %s" % (v.status, v.body[:200].decode(errors="replace")))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("approvals")
    p.add_argument("url"); p.add_argument("member_tokens"); p.add_argument("advocate_tokens")
    p.add_argument("--rounds", type=int, default=200)
    p.add_argument("--advocates", type=int, default=50)
    p.add_argument("--p99-limit", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p = sub.add_parser("one-member")
    p.add_argument("url"); p.add_argument("member_tokens")
    p.add_argument("--threads", type=int, default=200)
    p.add_argument("--posts", type=int, default=5)
    a = ap.parse_args()
    approvals(a) if a.cmd == "approvals" else one_member(a)
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
