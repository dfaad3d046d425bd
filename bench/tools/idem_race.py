#!/usr/bin/env python3
"""Replay and race: the same POST with the same Idempotency-Key sent by 10 threads at the same
instant (a barrier), ROUNDS times, each round with a fresh key and body. Checks every answer is the
same 201 with the same entry, and prints the ids created so the caller counts the member's entries.

usage: idem_race.py URL MEMBER_TOKENS [--rounds 1000] [--concurrency 10] [--endpoint scam|tx]
"""
import argparse
import json
import sys
import threading
import time
import uuid

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import Http, load_tokens, ms, now_iso, pct  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url"); ap.add_argument("member_tokens")
    ap.add_argument("--rounds", type=int, default=1000)
    ap.add_argument("--concurrency", type=int, default=10)
    ap.add_argument("--endpoint", choices=["scam", "tx"], default="scam")
    a = ap.parse_args()
    http = Http(a.url)
    (member, tok), = load_tokens(a.member_tokens)[:1]
    n = a.concurrency
    barrier = threading.Barrier(n + 1)
    job = {}
    answers = [None] * n
    stop = threading.Event()

    def sender(k):
        while True:
            barrier.wait()
            if stop.is_set():
                return
            answers[k] = http.request("POST", job["path"], tok, job["body"], headers={"Idempotency-Key": job["key"]})
            barrier.wait()

    threads = [threading.Thread(target=sender, args=(k,), daemon=True) for k in range(n)]
    for t in threads:
        t.start()
    split_rounds, non201, lat, ids = 0, {}, [], set()
    t0 = time.time()
    for i in range(a.rounds):
        job["key"] = "race-%s" % uuid.uuid4()
        if a.endpoint == "scam":
            job["path"] = "/api/v1/scam-calls"
            job["body"] = {"callerNumber": "+4477009%05d" % (i % 100000), "occurredAt": now_iso(), "riskScore": 40,
                           "verdict": "WARNED", "notes": "race %d" % i}
        else:
            job["path"] = "/api/v1/transactions"
            job["body"] = {"amount": "12.34", "currency": "EUR", "payee": "Race %d" % i, "channel": "CARD",
                           "occurredAt": now_iso(), "riskScore": 10}
        barrier.wait()
        barrier.wait()
        bodies = set()
        for r in answers:
            lat.append(r.elapsed)
            if r.status != 201:
                non201[r.status] = non201.get(r.status, 0) + 1
            else:
                doc = r.json()
                bodies.add(doc["id"] if a.endpoint == "scam" else doc["logEntry"]["id"])
        if len(bodies) != 1:
            split_rounds += 1
        ids |= bodies
    wall = time.time() - t0
    stop.set()
    barrier.wait()
    ok = split_rounds == 0 and not non201 and len(ids) == a.rounds
    print("%s idempotent replay under race: %d rounds x %d concurrent, %d distinct entries returned, "
          "%d rounds answered with more than one entry, non-201 %s; p50 %.1f ms, p99 %.1f ms, %.1f s"
          % ("PASS" if ok else "FAIL", a.rounds, n, len(ids), split_rounds, non201, ms(pct(lat, 50)),
             ms(pct(lat, 99)), wall))
    print("FIGURES " + json.dumps({"member": member, "rounds": a.rounds, "distinct_ids": len(ids),
                                   "p99_ms": ms(pct(lat, 99)), "wall_s": round(wall, 1)}))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
