#!/usr/bin/env python3
"""Bad input at volume: COUNT requests, each a seeded mutation of a valid request to one of the
service's endpoints (wrong types, boundary numbers, huge strings, invalid UTF-8, nested garbage,
SQL/script injection, duplicate keys, bad query parameters, path garbage, bad headers and tokens).

Every answer must be < 500, and every 4xx an application/problem+json document whose "status"
equals the HTTP status; no answer may carry a stack trace. Request i depends only on (seed, i), so
a failure replays alone:  fuzz.py URL TOKDIR --seed S --only I --show

usage: fuzz.py URL TOKDIR [--count 10000] [--seed N] [--threads 4] [--only I] [--show]
TOKDIR holds member.tsv, advocate.tsv, admin.tsv, stranger.tsv (a member nobody linked),
expired.tsv (an expired member token), written by bench/drills/bad-input.sh.
"""
import argparse
import json
import os
import random
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import Http, load_tokens, now_iso  # noqa: E402

NASTY_STRINGS = [
    "", " ", "\u0000", "\u202e\u0645\u0631\u062d\u0628\u0627", "\U0001F4A9" * 50, "\ufeff", "\u200b",
    "' OR '1'='1", "'; DROP TABLE security_logs; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(10)",
    "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "{{7*7}}", "../../etc/passwd", "%00", "%s%n%x",
    "\\", "\"", "\n\r\t", "null", "true", "0", "-1", "NaN", "Infinity", "1e400", "\ud800", "x\u0001y",
    "a" * 1001, "b" * 201, "c" * 129, "d" * 65, "+" + "1" * 16, "+1234567", "+123456789012345", "++44770090000",
]
BOUNDARY_NUMBERS = [0, -1, 1, 99, 100, 101, 70, 69, 86400, 86401, 2 ** 31, 2 ** 31 - 1, 2 ** 63, -(2 ** 63) - 1,
                    10 ** 12, 10 ** 30, 50.5, 0.001, -0.0, 1e308, 499.99, 500, 500.00, 0.01, 999999999999.99]
BAD_INSTANTS = ["2026-13-45T25:61:61Z", "yesterday", "2026-11-23", "2026-11-23T10:00:00", "9999-12-31T23:59:59Z",
                "+20000-01-01T00:00:00Z", "2026-11-23T10:00:00+02:00", "1970-01-01T00:00:00Z", "", 1700000000,
                "2026-11-23T10:00:00.1234567891Z", "0000-00-00T00:00:00Z"]


def scam_body(ctx):
    return {"callerNumber": "+447700900123", "occurredAt": now_iso(), "durationSeconds": 42, "riskScore": 80,
            "verdict": "BLOCKED", "notes": "fuzz"}


def tx_body(ctx):
    return {"amount": "125.50", "currency": "EUR", "payee": "Fuzz Ltd", "channel": "CARD", "occurredAt": now_iso(),
            "riskScore": 20, "externalRef": "fz-1"}


def bill_body(ctx):
    return {"kind": "BILL", "payee": "Water Co", "amount": "80.00", "currency": "EUR", "dueDate": "2027-01-15",
            "description": "quarterly water bill"}


def resolution_body(ctx):
    return {"decision": "APPROVE", "note": "fuzz"}


# (method, path template, role, body factory or None, query parameters template)
ENDPOINTS = [
    ("POST", "/api/v1/scam-calls", "member", scam_body, None),
    ("POST", "/api/v1/transactions", "member", tx_body, None),
    ("POST", "/api/v1/approvals", "member", bill_body, None),
    ("POST", "/api/v1/approvals/{approval}/resolution", "advocate", resolution_body, None),
    ("PUT", "/api/v1/members/me/advocates/{advocate}", "member", None, None),
    ("DELETE", "/api/v1/members/me/advocates/{other}", "member", None, None),
    ("GET", "/api/v1/members/me/advocates", "member", None, {"limit": "10"}),
    ("GET", "/api/v1/security-logs", "member", None, {"limit": "5", "type": "SCAM_CALL",
                                                      "from": "2020-01-01T00:00:00Z", "to": "2030-01-01T00:00:00Z"}),
    ("GET", "/api/v1/security-logs", "advocate", None, {"memberId": "{member}", "limit": "5"}),
    ("GET", "/api/v1/security-logs/verify", "member", None, {"memberId": "{member}"}),
    ("GET", "/api/v1/approvals", "advocate", None, {"status": "PENDING", "limit": "5"}),
    ("GET", "/api/v1/approvals/{approval}", "member", None, None),
]


def mutate_value(rnd, v):
    c = rnd.randrange(8)
    if c == 0:
        return rnd.choice(NASTY_STRINGS)
    if c == 1:
        return rnd.choice(BOUNDARY_NUMBERS)
    if c == 2:
        return rnd.choice([None, True, False, [], {}, [v], {"value": v}])
    if c == 3:
        return rnd.choice(BAD_INSTANTS)
    if c == 4 and isinstance(v, str):
        return v + rnd.choice(NASTY_STRINGS)
    if c == 5:
        return str(v) if not isinstance(v, str) else (int(v) if v.isdigit() else v.upper())
    if c == 6:
        return "x" * rnd.choice([1000, 1001, 5000, 70000])
    return rnd.choice(NASTY_STRINGS + BOUNDARY_NUMBERS)


def mutate_body(rnd, body):
    """Returns (bytes, content_type) — a mutated body, sometimes not JSON at all."""
    body = dict(body)
    for _ in range(rnd.randint(1, 3)):
        c = rnd.randrange(10)
        keys = list(body.keys())
        if c <= 3 and keys:
            k = rnd.choice(keys)
            body[k] = mutate_value(rnd, body[k])
        elif c == 4 and keys:
            del body[rnd.choice(keys)]
        elif c == 5:
            body[rnd.choice(["unknownField", "id", "seq", "hash", "memberId", "status", "__proto__"])] = \
                mutate_value(rnd, "x")
        elif c == 6:
            body = {k: None for k in body}
    try:
        raw = json.dumps(body, ensure_ascii=rnd.random() < 0.5, allow_nan=True).encode("utf-8", "surrogatepass")
    except (ValueError, OverflowError):
        raw = b"{}"
    ctype = "application/json"
    c = rnd.randrange(20)
    if c == 0:
        raw = raw[:rnd.randrange(len(raw) + 1)]                       # truncated
    elif c == 1:
        raw = raw.replace(b"}", b',"riskScore":1,"riskScore":"dup"}', 1)  # duplicate keys
    elif c == 2:
        raw = raw[:len(raw) // 2] + b"\xff\xfe\xc3\x28\xa0\xa1" + raw[len(raw) // 2:]  # invalid UTF-8
    elif c == 3:
        depth = rnd.choice([100, 1000, 10000])
        raw = b'{"callerNumber":' + b"[" * depth + b"]" * depth + b"}"  # nested garbage
    elif c == 4:
        raw = rnd.choice([b"", b"null", b"[]", b"\"text\"", b"42", b"{", b"}", b"{\"a\":}", b"\x00\x00",
                          b"<xml/>", b"{'single':'quotes'}"])
    elif c == 5:
        ctype = rnd.choice(["text/plain", "application/xml", "application/x-www-form-urlencoded", None,
                            "application/json; charset=latin1", "multipart/form-data; boundary=x"])
    elif c == 6:
        raw = b'{"notes":"' + b"z" * 70000 + b'"}'                        # over the 64 KiB limit
    elif c == 7:
        raw = raw.replace(b":", b": ", 3).replace(b"{", b"{\n  ", 1)  # valid, odd spacing
    return raw, ctype


def mutate_query(rnd, q):
    q = dict(q or {})
    for _ in range(rnd.randint(1, 2)):
        c = rnd.randrange(7)
        key = rnd.choice(["limit", "cursor", "type", "status", "from", "to", "memberId", "unknown"])
        if c == 0:
            q[key] = rnd.choice(["-1", "0", "201", "abc", "1e2", "10" * 20, "", "50.5", " 5", "+5", "٣"])
        elif c == 1:
            q["cursor"] = rnd.choice(["", "x", "AAAA", "eyJzZXEiOjF9", "%%%", "a" * 5000, "null", "../", "\u0000"])
        elif c == 2:
            q[key] = rnd.choice(BAD_INSTANTS + ["UNKNOWN", "scam_call", "PENDING,APPROVED", "*"])
        elif c == 3:
            q[key] = rnd.choice([s for s in NASTY_STRINGS if len(s) < 2000])
        elif c == 4 and q:
            del q[rnd.choice(list(q))]
        else:
            q[key] = str(mutate_value(rnd, "x"))[:3000]
    return q


def mutate_path_param(rnd, value):
    return rnd.choice([value, value.upper(), "not-a-uuid", "00000000-0000-0000-0000-000000000000", "", "..", "%2e%2e",
                       "a" * 300, "'%20OR%201=1", "%00", "%F0%9F%92%A9", value + "x", "12345", "%ff"])


def build(i, seed, ctx):
    """Request i of seed: (method, path, token-role, headers, body-bytes-or-None, description)."""
    rnd = random.Random(seed * 1_000_003 + i)
    method, tmpl, role, factory, query = ENDPOINTS[rnd.randrange(len(ENDPOINTS))]
    headers = {}
    what = []
    params = {"approval": ctx["approval"], "advocate": ctx["advocate"], "other": ctx["other"], "member": ctx["member"]}
    if rnd.random() < (0.15 if factory else 0.5):
        k = rnd.choice([k for k in params if "{%s}" % k in tmpl] or ["member"])
        params[k] = mutate_path_param(rnd, params[k])
        what.append("path")
    path = tmpl
    for k, v in params.items():
        path = path.replace("{%s}" % k, urllib.parse.quote(v, safe="%", errors="surrogatepass"))
    if query is not None or rnd.random() < 0.1:
        q = {k: v.replace("{member}", ctx["member"]) for k, v in (query or {}).items()}
        if rnd.random() < 0.85:
            q = mutate_query(rnd, q)
            what.append("query")
        if q:
            path += "?" + urllib.parse.urlencode(q, quote_via=urllib.parse.quote, errors="surrogatepass")
    body = None
    if factory is not None:
        if rnd.random() < 0.9:
            body, ctype = mutate_body(rnd, factory(ctx))
            what.append("body")
        else:
            body, ctype = json.dumps(factory(ctx)).encode(), "application/json"
        headers["Content-Type"] = ctype
        if method == "POST" and rnd.random() < 0.2:
            headers["Idempotency-Key"] = rnd.choice(["k-%d" % i, "", " ", "k" * 129, "clé", "a b", "\t", "k-same"])
            what.append("idem-key")
    elif rnd.random() < 0.05:
        body, headers["Content-Type"] = b'{"unexpected":"body"}', "application/json"
        what.append("unexpected-body")
    c = rnd.random()
    if c < 0.05:
        role = rnd.choice(["none", "garbage", "expired", "stranger", "admin", "advocate", "member"])
        what.append("auth:" + role)
    if rnd.random() < 0.03:
        method = rnd.choice(["PATCH", "PUT", "DELETE", "POST", "GET", "HEAD", "OPTIONS"])
        what.append("method")
    return method, path, role, headers, body, ",".join(what) or "valid"


def check(method, status, headers, body):
    """None when the answer is acceptable, else why not."""
    if status == 0:
        return "no answer"
    if status >= 500:
        return "server error %d" % status
    text = body.decode("utf-8", "replace")
    if "\tat " in text or "Exception:" in text or ".java:" in text:
        return "stack trace in body"
    if 400 <= status < 500 and method != "HEAD":
        ctype = headers.get("content-type", "")
        if not ctype.startswith("application/problem+json"):
            return "%d not a problem document (content-type %r)" % (status, ctype)
        try:
            doc = json.loads(text)
        except ValueError:
            return "%d problem body is not JSON" % status
        if not isinstance(doc, dict) or doc.get("status") != status or not isinstance(doc.get("title"), str):
            return "%d problem without matching status/title" % status
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("url"); ap.add_argument("tokdir")
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=int(time.time()) % 100000)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--only", type=int)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--approval", required=True, help="an approval of the member, for path parameters")
    a = ap.parse_args()
    tok = {r: load_tokens(os.path.join(a.tokdir, r + ".tsv"))[0] for r in
           ["member", "advocate", "admin", "stranger", "expired"]}
    ctx = {"member": tok["member"][0], "advocate": tok["advocate"][0], "other": "a-nobody",
           "approval": a.approval}
    tokens = {r: t[1] for r, t in tok.items()}
    tokens["none"] = None
    tokens["garbage"] = "not.a.jwt"
    http = Http(a.url, timeout=30)
    indices = [a.only] if a.only is not None else list(range(a.count))
    print("fuzz seed %d, %d requests (replay one: --seed %d --only I --show)" % (a.seed, len(indices), a.seed),
          flush=True)
    failures, statuses, lock = [], {}, threading.Lock()
    it = iter(indices)

    def worker():
        while True:
            with lock:
                i = next(it, None)
            if i is None:
                return
            method, path, role, headers, body, what = build(i, a.seed, ctx)
            r = http.request(method, path, tokens[role], body, headers=headers)
            why = check(method, r.status, r.headers, r.body)
            with lock:
                statuses[r.status] = statuses.get(r.status, 0) + 1
                if why:
                    failures.append((i, why, method, path, what, r.status, r.body[:300], r.error))
            if a.show:
                print("#%d %s %s [%s] role=%s body=%r -> %d %s" % (i, method, path[:200], what, role,
                                                                   (body or b"")[:300], r.status, r.body[:400]))

    t0 = time.time()
    ts = [threading.Thread(target=worker) for _ in range(a.threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    wall = time.time() - t0
    five = sum(v for k, v in statuses.items() if k >= 500 or k == 0)
    failures.sort()
    kinds = {}
    for f in failures:
        kinds[f[1].split(" (")[0]] = kinds.get(f[1].split(" (")[0], 0) + 1
    print("statuses: %s" % dict(sorted(statuses.items())))
    for f in failures[:15]:
        print("  #%d %s: %s %s [%s] -> %d %r %s" % (f[0], f[1], f[2], f[3][:150], f[4], f[5], f[6][:160], f[7] or ""))
    print("%s bad input at volume: %d requests (seed %d) in %.1f s, %d 5xx/no answer, %d answers not acceptable %s"
          % ("PASS" if not failures else "FAIL", len(indices), a.seed, wall, five, len(failures), kinds or ""))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
