"""Shared helpers for the bench/ Python drivers (standard library only).

* Http: a keep-alive HTTP/1.1 client per thread (http.client), timing every request.
* load_tokens: the "sub<TAB>token" files written by bench/tools/Tokens.java.
* entry_hash / instant_text: the audit-trail hash exactly as README/ChainHash define it,
  recomputed independently of the Java code (what an auditor would do).
* pct: percentiles of a list of numbers.
"""
import hashlib
import http.client
import json
import threading
import time
import urllib.parse

GENESIS = "0" * 64


def load_tokens(path):
    out = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if "\t" in line:
                sub, tok = line.split("\t", 1)
                out.append((sub, tok))
    return out


class Response:
    __slots__ = ("status", "headers", "body", "started", "elapsed", "error")

    def __init__(self, status, headers, body, started, elapsed, error=None):
        self.status, self.headers, self.body = status, headers, body
        self.started, self.elapsed, self.error = started, elapsed, error

    def json(self):
        return json.loads(self.body)

    @property
    def content_type(self):
        return (self.headers or {}).get("content-type", "")


class Http:
    """One keep-alive connection per thread; a broken connection is reopened on the next call."""

    def __init__(self, base_url, timeout=30.0):
        u = urllib.parse.urlsplit(base_url)
        self.host, self.port, self.timeout = u.hostname, u.port or 80, timeout
        self._local = threading.local()

    def _conn(self):
        c = getattr(self._local, "conn", None)
        if c is None:
            c = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._local.conn = c
        return c

    def close(self):
        c = getattr(self._local, "conn", None)
        if c is not None:
            c.close()
            self._local.conn = None

    def request(self, method, path, token=None, body=None, headers=None, raw=False):
        """body: a dict/list (sent as JSON), bytes/str (sent as is), or None.
        Never raises for network errors: returns status 0 with .error set."""
        h = {"Accept": "application/json"}
        if token:
            h["Authorization"] = "Bearer " + token
        data = None
        if body is not None:
            if isinstance(body, (bytes, bytearray)):
                data = bytes(body)
            elif isinstance(body, str):
                data = body.encode("utf-8")
            else:
                data = json.dumps(body).encode("utf-8")
            h["Content-Type"] = "application/json"
        if headers:
            for k, v in headers.items():
                if v is None:
                    h.pop(k, None)
                else:
                    h[k] = v
        started = time.time()
        t0 = time.perf_counter()
        try:
            c = self._conn()
            c.request(method, path, body=data, headers=h)
            r = c.getresponse()
            payload = r.read()
            hdrs = {k.lower(): v for k, v in r.getheaders()}
            if hdrs.get("connection", "").lower() == "close":
                self.close()
            return Response(r.status, hdrs, payload, started, time.perf_counter() - t0)
        except Exception as e:  # connection refused/reset, timeout: the caller classifies
            self.close()
            return Response(0, {}, b"", started, time.perf_counter() - t0, error=type(e).__name__ + ": " + str(e))


def pct(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def ms(seconds):
    return round(seconds * 1000.0, 2)


def now_iso():
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def member_id(n):
    return "m-00000000-0000-4000-8000-%012d" % n


# ---- the audit-trail hash, independently of the Java code -----------------------------

def instant_text(pg_text):
    """'2026-11-23 21:00:00.123000' (UTC, 6 fraction digits, as to_char(... 'US') prints) →
    Java Instant.toString(): fraction dropped when zero, else 3 or 6 digits."""
    date, _, clock = pg_text.replace("T", " ").partition(" ")
    hms, _, frac = clock.partition(".")
    frac = (frac + "000000")[:6]
    if frac == "000000":
        f = ""
    elif frac.endswith("000"):
        f = "." + frac[:3]
    else:
        f = "." + frac
    return "%sT%s%sZ" % (date, hms, f)


def jstr(s):
    return json.dumps(s, ensure_ascii=False)


def entry_hash(e):
    """e: dict with details (canonical JSON text), id, memberId, occurredAt, prevHash, recordedAt
    (Instant text), riskScore (int or None), seq (int), type."""
    canonical = ('{"details":%s,"id":%s,"memberId":%s,"occurredAt":%s,"prevHash":%s,"recordedAt":%s,'
                 '"riskScore":%s,"seq":%d,"type":%s}') % (
        e["details"], jstr(e["id"]), jstr(e["memberId"]), jstr(e["occurredAt"]), jstr(e["prevHash"]),
        jstr(e["recordedAt"]), "null" if e["riskScore"] is None else str(int(e["riskScore"])), int(e["seq"]),
        jstr(e["type"]))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def canonical(obj):
    """RFC 8785-style canonical JSON for the values the service writes (sorted keys, no spaces)."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
