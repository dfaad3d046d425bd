#!/usr/bin/env python3
"""Event stream measurements (standard library only), driven by bench/events.sh.

  events_bench.py latency URL MEMBERS.tsv ADMIN_TOKEN --rate R --duration S
      Holds an admin SSE stream open, posts held transactions (amount 900.00) at R/s for S s from a
      pool of threads, and times every approval.requested event from its occurredAt (the approval's
      createdAt, set inside the committing transaction) to its arrival on the stream. Prints JSON.
  events_bench.py streams URL TOKENS.tsv --count N --hold S --pidfile F
      Opens N SSE streams (asyncio: one thread for all of them), waits until every one answered 200,
      writes "open" to F, holds them S seconds while counting keep-alive comments, then closes them. Prints JSON.
"""
import argparse
import asyncio
import calendar
import json
import socket
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import Http, load_tokens, ms, now_iso, pct  # noqa: E402


def parse_instant(text):
    # 2026-11-30T07:21:10.338436Z -> epoch seconds (float)
    main, _, frac = text.rstrip("Z").partition(".")
    return calendar.timegm(time.strptime(main, "%Y-%m-%dT%H:%M:%S")) + (float("0." + frac) if frac else 0.0)


def sse_reader(url, token, on_message, ready, stop):
    u = urllib.parse.urlsplit(url)
    s = socket.create_connection((u.hostname, u.port), timeout=5)
    s.sendall(("GET /api/v1/events HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n"
               "Authorization: Bearer %s\r\n\r\n" % (u.hostname, u.port, token)).encode())
    s.settimeout(1.0)
    buf = b""
    headers_done = False
    event, data = None, None
    while not stop.is_set():
        try:
            chunk = s.recv(65536)
        except socket.timeout:
            continue
        if not chunk:
            break
        arrived = time.time()
        buf += chunk
        if not headers_done:
            if b"\r\n\r\n" not in buf:
                continue
            head, buf = buf.split(b"\r\n\r\n", 1)
            if b" 200 " not in head.split(b"\r\n")[0]:
                raise SystemExit("stream refused: " + head.split(b"\r\n")[0].decode())
            headers_done = True
            ready.set()
        # chunked transfer: strip chunk-size lines crudely by scanning for SSE lines only
        while b"\n" in buf:
            line, buf = buf.split(b"\n", 1)
            line = line.rstrip(b"\r").decode("utf-8", "replace")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif line.startswith("data:"):
                data = line[5:].strip()
            elif line == "" and data is not None:
                on_message(event, data, arrived)
                event, data = None, None
    s.close()


def latency(a):
    tokens = load_tokens(a.members)
    got, lock = {}, threading.Lock()
    ready, stop = threading.Event(), threading.Event()

    def on_message(event, data, arrived):
        if event == "approval.requested":
            try:
                e = json.loads(data)
            except ValueError:  # a line split by the chunked encoding: counted as missing
                return
            with lock:
                got[e["approval"]["id"]] = arrived - parse_instant(e["occurredAt"])

    reader = threading.Thread(target=sse_reader, args=(a.url, a.admin_token, on_message, ready, stop), daemon=True)
    reader.start()
    if not ready.wait(10):
        raise SystemExit("the admin stream did not open")
    http = Http(a.url)
    sent, statuses, post_ms = [], {}, []
    slock = threading.Lock()

    def post(n):
        sub, tok = tokens[n % len(tokens)]
        body = {"amount": "900.00", "currency": "EUR", "payee": "Bench payee %d" % n, "channel": "WIRE",
                "occurredAt": now_iso(), "riskScore": 10}
        r = http.request("POST", "/api/v1/transactions", tok, body)
        with slock:
            statuses[r.status] = statuses.get(r.status, 0) + 1
            post_ms.append(r.elapsed)
            if r.status == 201:
                sent.append(r.json()["approval"]["id"])

    total = int(a.rate * a.duration)
    start = time.time()
    with ThreadPoolExecutor(max_workers=a.threads) as pool:
        for n in range(total):
            due = start + n / a.rate
            delay = due - time.time()
            if delay > 0:
                time.sleep(delay)
            pool.submit(post, n)
    elapsed = time.time() - start
    deadline = time.time() + 15
    while time.time() < deadline:
        with lock:
            if all(i in got for i in sent):
                break
        time.sleep(0.1)
    stop.set()
    with lock:
        lat = [got[i] for i in sent if i in got]
    print(json.dumps({"held_transactions": len(sent), "offered_rate": a.rate, "achieved_rate": round(len(sent) / elapsed, 1),
                      "status": statuses, "post_p50_ms": ms(pct(post_ms, 50)), "post_p99_ms": ms(pct(post_ms, 99)),
                      "sse_received": len(lat), "sse_missing": len(sent) - len(lat),
                      "commit_to_sse_p50_ms": ms(pct(lat, 50)), "commit_to_sse_p99_ms": ms(pct(lat, 99)),
                      "commit_to_sse_max_ms": ms(max(lat) if lat else float("nan"))}))


async def one_stream(host, port, token, opened, comments, hold_until):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(("GET /api/v1/events HTTP/1.1\r\nHost: %s:%d\r\nAccept: text/event-stream\r\n"
                  "Authorization: Bearer %s\r\n\r\n" % (host, port, token)).encode())
    await writer.drain()
    status = await reader.readline()
    ok = b" 200 " in status
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
    opened.append(ok)
    try:
        while time.time() < hold_until:
            line = await asyncio.wait_for(reader.readline(), timeout=max(0.1, hold_until - time.time()))
            if not line:
                break
            if line.startswith(b":"):
                comments.append(1)
    except asyncio.TimeoutError:
        pass
    writer.close()
    return ok


async def streams_main(a):
    u = urllib.parse.urlsplit(a.url)
    tokens = load_tokens(a.tokens)[: a.count]
    opened, comments = [], []
    far = time.time() + 3600
    hold = {"until": far}
    tasks = []
    for i, (_, tok) in enumerate(tokens):
        tasks.append(asyncio.create_task(one_stream(u.hostname, u.port, tok, opened, comments, far)))
        if i % 50 == 49:
            await asyncio.sleep(0.05)
    while len(opened) < len(tokens):
        await asyncio.sleep(0.1)
    with open(a.pidfile, "w") as f:
        f.write("open\n")
    await asyncio.sleep(a.hold)
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    print(json.dumps({"streams": len(tokens), "opened_200": sum(1 for o in opened if o),
                      "keep_alive_comments": len(comments), "held_s": a.hold}))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("latency")
    p.add_argument("url")
    p.add_argument("members")
    p.add_argument("admin_token")
    p.add_argument("--rate", type=float, default=200)
    p.add_argument("--duration", type=float, default=30)
    p.add_argument("--threads", type=int, default=32)
    p = sub.add_parser("streams")
    p.add_argument("url")
    p.add_argument("tokens")
    p.add_argument("--count", type=int, default=1000)
    p.add_argument("--hold", type=float, default=40)
    p.add_argument("--pidfile", required=True)
    a = ap.parse_args()
    if a.cmd == "latency":
        latency(a)
    else:
        asyncio.run(streams_main(a))


if __name__ == "__main__":
    main()
