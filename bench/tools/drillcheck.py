#!/usr/bin/env python3
"""Checks after a drill. Each subcommand prints PASS/FAIL lines with figures; exit 1 on any FAIL.

  drillcheck.py acked DB EVENTS.csv          every acknowledged (201) id is in security_logs
  drillcheck.py consistent DB                every chain valid (verify_chains.py), heads match, and
                                             each approval has exactly one APPROVAL_REQUESTED entry
  drillcheck.py outage EVENTS READY T_DOWN T_UP [--fail-fast 2] [--recover 5]
  drillcheck.py shutdown EVENTS T_TERM
  drillcheck.py clean EVENTS [--label L]     no response other than 201, no network error
"""
import csv
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FAILS = 0


def result(ok, name, detail):
    global FAILS
    print("%s %s: %s" % ("PASS" if ok else "FAIL", name, detail))
    if not ok:
        FAILS += 1


def events(path):
    with open(path) as f:
        r = csv.DictReader(f)
        out = []
        for e in r:
            e["started"], e["elapsed"], e["status"] = float(e["started"]), float(e["elapsed"]), int(e["status"])
            out.append(e)
        return out


def psql(db, sql, stdin=None):
    return subprocess.run(["psql", "-X", "-Atq", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql], input=stdin,
                          capture_output=True, text=True, check=True).stdout.strip()


def acked(db, path):
    ids = [e["id"] for e in events(path) if e["status"] == 201 and e["id"]]
    unidentified = sum(1 for e in events(path) if e["status"] == 201 and not e["id"])
    script = ("CREATE TEMP TABLE acked (id uuid); COPY acked FROM STDIN;\n" + "\n".join(ids) + "\n\\.\n"
              "SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM security_logs s WHERE s.id = a.id);\n")
    out = subprocess.run(["psql", "-X", "-Atq", "-v", "ON_ERROR_STOP=1", "-d", db], input=script,
                         capture_output=True, text=True, check=True).stdout.strip().splitlines()
    missing = int(out[-1])
    result(missing == 0 and unidentified == 0, "acknowledged writes durable",
           "%d acknowledged ids, %d missing from security_logs, %d 201s without an id" % (len(ids), missing,
                                                                                        unidentified))


def consistent(db):
    p = subprocess.run([sys.executable, os.path.join(HERE, "verify_chains.py"), db, "--quiet"], capture_output=True,
                       text=True)
    result(p.returncode == 0, "chains intact", p.stdout.strip() or p.stderr.strip())
    approvals = int(psql(db, "SELECT count(*) FROM pending_approvals"))
    requested = int(psql(db, "SELECT count(*) FROM security_logs WHERE type = 'APPROVAL_REQUESTED'"))
    held_without_entry = int(psql(db, "SELECT count(*) FROM pending_approvals a WHERE a.kind = 'TRANSACTION' "
                                      "AND NOT EXISTS (SELECT 1 FROM security_logs s WHERE s.id = a.security_log_id)"))
    result(approvals == requested and held_without_entry == 0, "nothing half-written",
           "%d approvals, %d APPROVAL_REQUESTED entries, %d held transactions without their entry"
           % (approvals, requested, held_without_entry))


def outage(path, ready_path, t_down, t_up, fail_fast=2.0, recover=5.0, t_restart=None):
    ev = events(path)
    during = [e for e in ev if t_down <= e["started"] < t_up]
    slow = [e for e in during if e["elapsed"] > fail_fast]
    worst = max((e["elapsed"] for e in during), default=0)
    # Answered while the database was still down: must be a 503 problem. A request that waited and was
    # answered after the database came back may rightly be a 201 — and the server accepts connections a
    # little before `pg_ctl start` returns (t_up), so "still down" ends when the restart began.
    down_until = t_restart if t_restart is not None else t_up
    inside = [e for e in during if e["started"] + e["elapsed"] < down_until]
    not503 = [e for e in inside if e["status"] != 503]
    notproblem = [e for e in during if e["status"] == 503 and e["problem"] != "problem"]
    statuses = {}
    for e in inside:
        statuses[e["status"]] = statuses.get(e["status"], 0) + 1
    result(bool(during) and not slow, "fail fast during outage",
           "%d requests started during the outage, slowest answered in %.2f s (limit %.1f s)"
           % (len(during), worst, fail_fast))
    result(bool(inside) and not not503 and not notproblem, "503 problem during outage",
           "statuses of the %d requests answered while the database was down: %s; %d 503s not application/problem+json"
           % (len(inside), statuses, len(notproblem)))
    ready = []
    with open(ready_path) as f:
        for r in csv.reader(f):
            ready.append((float(r[0]), float(r[1]), int(r[2])))
    down_at = next((t for t, _, s in ready if t >= t_down and s != 200), None)
    result(down_at is not None and down_at < t_up, "readiness DOWN during outage",
           "readiness first non-200 %s after the stop" % ("never" if down_at is None else "%.1f s" % (down_at - t_down)))
    up_again = next((t for t, _, s in ready if t >= t_up and s == 200), None)
    after = [e for e in ev if e["started"] >= t_up]
    bad_after = [e for e in after if e["status"] != 201]
    last_bad_end = max((e["started"] + e["elapsed"] for e in bad_after), default=t_up)
    first_ok = min((e["started"] + e["elapsed"] for e in after if e["status"] == 201), default=None)
    recovered = last_bad_end - t_up
    result(first_ok is not None and recovered <= recover, "recovery after the database returns",
           "last failed request %.2f s after the database was back, first 201 after %s, readiness UP after %s "
           "(limit %.0f s); %d requests after the return, %d failed"
           % (recovered, "never" if first_ok is None else "%.2f s" % (first_ok - t_up),
              "never" if up_again is None else "%.1f s" % (up_again - t_up), recover, len(after), len(bad_after)))


def shutdown(path, t_term):
    ev = events(path)
    before = [e for e in ev if e["started"] < t_term - 0.05]
    inflight = [e for e in before if e["started"] + e["elapsed"] > t_term]
    cut = [e for e in before if e["status"] == 0]
    result(not cut, "in-flight requests complete",
           "%d requests started before SIGTERM, %d still in flight at SIGTERM, %d of those cut off without an answer"
           " (%s)" % (len(before), len(inflight), len(cut), "; ".join(sorted({e["error"][:60] for e in cut}))[:200]))
    after = [e for e in ev if e["started"] >= t_term]
    statuses = {}
    for e in after:
        statuses[e["status"]] = statuses.get(e["status"], 0) + 1
    print("INFO after SIGTERM: %d requests, statuses %s (0 = connection refused/reset)" % (len(after), statuses))


def clean(path, label):
    ev = events(path)
    bad = [e for e in ev if e["status"] != 201]
    kinds = {}
    for e in bad:
        k = "%s %s" % (e["status"], e["error"][:40])
        kinds[k] = kinds.get(k, 0) + 1
    result(not bad and ev, label, "%d requests, %d not 201 %s" % (len(ev), len(bad), kinds if kinds else ""))


def main():
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "acked":
        acked(args[0], args[1])
    elif cmd == "consistent":
        consistent(args[0])
    elif cmd == "outage":
        outage(args[0], args[1], float(args[2]), float(args[3]), float(args[4]) if len(args) > 4 else 2.0,
               t_restart=float(args[5]) if len(args) > 5 else None)
    elif cmd == "shutdown":
        shutdown(args[0], float(args[1]))
    elif cmd == "clean":
        clean(args[0], args[2] if len(args) > 2 and args[1] == "--label" else "no errors")
    else:
        sys.exit(__doc__)
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
