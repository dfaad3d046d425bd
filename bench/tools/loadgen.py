#!/usr/bin/env python3
"""Closed-loop (optionally paced) writer for the drills: POSTs scam calls and/or transactions as the
members in a token file and records EVERY request — start, latency, status, the acknowledged entry id
(for 201s), the error — so a drill can later check that each acknowledged write is in the database.
Optionally polls /q/health/ready in the background.

usage: loadgen.py URL TOKENS --duration S [--threads N] [--rate R] [--mix scam|tx|both]
                  [--events out.csv] [--ready out.csv] [--stop-file F] [--seed N] [--reads PERCENT]
URL may be @FILE: a file of base URLs, one a line, re-read as it changes — each request goes to one of
them at random (a Service's endpoints: the rolling-update drill removes a pod before stopping it).
--reads PERCENT: that share of requests are reads (GET the member's security log, 200 expected).
Prints one JSON summary line: {"requests":…, "status":{…}, "rps":…, "p50_ms":…, "p99_ms":…}
"""
import argparse
import csv
import json
import os
import random
import sys
import threading
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import Http, load_tokens, ms, now_iso, pct  # noqa: E402


def scam_body(rnd, n):
    return {"callerNumber": "+4477009%05d" % rnd.randrange(100000), "occurredAt": now_iso(),
            "durationSeconds": rnd.randrange(600), "riskScore": rnd.randrange(101),
            "verdict": rnd.choice(["BLOCKED", "WARNED", "ALLOWED", "REPORTED"]), "notes": "loadgen %d" % n}


def tx_body(rnd, n):
    amount = "600.00" if rnd.randrange(10) == 0 else "%d.%02d" % (rnd.randrange(1, 500), rnd.randrange(100))
    return {"amount": amount, "currency": "EUR", "payee": "Payee %d" % rnd.randrange(5000),
            "channel": rnd.choice(["CARD", "BANK_TRANSFER", "WIRE", "OTHER"]), "occurredAt": now_iso(),
            "riskScore": rnd.randrange(70), "externalRef": "loadgen-%d" % n}


class Endpoints:
    """One base URL, or a file of them re-read when it changes (at most every 0.1 s)."""

    def __init__(self, url, timeout):
        self.file = url[1:] if url.startswith("@") else None
        self.timeout, self.clients, self.urls, self.checked, self.mtime = timeout, {}, [url], 0.0, None
        self.lock = threading.Lock()
        if self.file:
            self._reload(force=True)

    def _reload(self, force=False):
        now = time.time()
        if not force and now - self.checked < 0.1:
            return
        self.checked = now
        try:
            mtime = os.stat(self.file).st_mtime_ns
            if force or mtime != self.mtime:
                with open(self.file) as f:
                    urls = [line.strip() for line in f if line.strip()]
                if urls:
                    self.urls, self.mtime = urls, mtime
        except OSError:
            pass

    def first(self):
        return self.urls[0]

    def pick(self, rnd):
        if self.file:
            with self.lock:
                self._reload()
                urls = self.urls
        else:
            urls = self.urls
        url = urls[rnd.randrange(len(urls))]
        with self.lock:
            if url not in self.clients:
                self.clients[url] = Http(url, timeout=self.timeout)
            return self.clients[url]

    def close(self):
        for c in self.clients.values():
            c.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url")
    ap.add_argument("tokens")
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--rate", type=float, default=0, help="total requests/s to hold (0 = as fast as possible)")
    ap.add_argument("--mix", choices=["scam", "tx", "both"], default="scam")
    ap.add_argument("--events")
    ap.add_argument("--ready")
    ap.add_argument("--stop-file")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--reads", type=float, default=0)
    a = ap.parse_args()

    tokens = load_tokens(a.tokens)
    endpoints = Endpoints(a.url, a.timeout)
    deadline = time.time() + a.duration
    events, lock = [], threading.Lock()
    stop = threading.Event()

    def stopped():
        return stop.is_set() or time.time() >= deadline or (a.stop_file and os.path.exists(a.stop_file))

    def worker(k):
        rnd = random.Random(a.seed * 1000 + k)
        interval = a.threads / a.rate if a.rate > 0 else 0
        next_at = time.time() + rnd.random() * interval
        n = 0
        mine = []
        while not stopped():
            if interval:
                wait = next_at - time.time()
                if wait > 0:
                    time.sleep(wait)
                next_at += interval
            n += 1
            sub, tok = tokens[rnd.randrange(len(tokens))]
            target = endpoints.pick(rnd)
            if a.reads and rnd.random() * 100 < a.reads:
                path = "/api/v1/security-logs?limit=20"
                r = target.request("GET", path, tok)
                problem = "" if r.status == 200 else ("problem" if r.status else "")
                mine.append((r.started, r.elapsed, r.status, "", sub, path, problem, r.error or ""))
                if r.status == 0:
                    time.sleep(0.05)
                continue
            tx = a.mix == "tx" or (a.mix == "both" and n % 2 == 0)
            path, body = ("/api/v1/transactions", tx_body(rnd, n)) if tx else ("/api/v1/scam-calls", scam_body(rnd, n))
            r = target.request("POST", path, tok, body)
            entry_id = problem = ""
            if r.status == 201:
                try:
                    doc = r.json()
                    entry_id = doc["logEntry"]["id"] if tx else doc["id"]
                except Exception as e:  # an acknowledged write we cannot identify is a failure
                    problem = "unparsable 201: %s" % e
            elif r.status:
                ok = r.content_type.startswith("application/problem+json")
                problem = "problem" if ok else "not-a-problem:" + r.content_type
            mine.append((r.started, r.elapsed, r.status, entry_id, sub, path, problem, r.error or ""))
            if r.status == 0:
                time.sleep(0.05)  # connection refused: do not spin
        endpoints.close()
        with lock:
            events.extend(mine)

    ready = []

    def poll_ready():
        h = Http(endpoints.first(), timeout=5)
        while not stopped():
            r = h.request("GET", "/q/health/ready")
            ready.append((r.started, r.elapsed, r.status))
            time.sleep(0.2)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(a.threads)]
    if a.ready:
        threads.append(threading.Thread(target=poll_ready))
    t0 = time.time()
    for t in threads:
        t.start()
    try:
        for t in threads:
            t.join()
    except KeyboardInterrupt:
        stop.set()
    wall = time.time() - t0
    events.sort()
    if a.events:
        with open(a.events, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(["started", "elapsed", "status", "id", "member", "path", "problem", "error"])
            w.writerows(events)
    if a.ready:
        with open(a.ready, "w", newline="") as f:
            csv.writer(f).writerows(ready)
    statuses = {}
    for e in events:
        statuses[str(e[2])] = statuses.get(str(e[2]), 0) + 1
    ok = [e[1] for e in events if e[2] == 201]
    print(json.dumps({"requests": len(events), "status": statuses, "rps": round(len(events) / wall, 1),
                      "acked": len(ok), "p50_ms": ms(pct(ok, 50)), "p99_ms": ms(pct(ok, 99)),
                      "max_ms": ms(max(ok) if ok else 0), "wall_s": round(wall, 1)}))


if __name__ == "__main__":
    main()
