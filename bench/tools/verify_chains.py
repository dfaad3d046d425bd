#!/usr/bin/env python3
"""Checks every hash chain in a database, independently of the service's Java code:
seq 1..n without gaps, each prevHash = the previous hash (GENESIS first), each hash recomputed
from the canonical form, and member_chains' head = the last entry. Streams rows through psql.

usage: verify_chains.py DB [--member ID ...] [--where SQL] [--quiet]
Prints "members=… entries=… invalid_members=… head_mismatches=…" and exits 1 on any break.
"""
import argparse
import csv
import subprocess
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import GENESIS, entry_hash, instant_text  # noqa: E402

csv.field_size_limit(10_000_000)


def rows(db, where):
    sql = ("COPY (SELECT member_id, seq, id, type, "
           "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), "
           "to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), "
           "risk_score, details, prev_hash, hash FROM security_logs %s ORDER BY member_id, seq) "
           "TO STDOUT WITH (FORMAT csv)") % (("WHERE " + where) if where else "")
    p = subprocess.Popen(["psql", "-X", "-q", "-d", db, "-c", sql], stdout=subprocess.PIPE, text=True,
                         encoding="utf-8", bufsize=1 << 20)
    yield from csv.reader(p.stdout)
    if p.wait() != 0:
        sys.exit("psql failed")


def heads(db, where):
    sql = "COPY (SELECT member_id, last_seq, last_hash FROM member_chains %s) TO STDOUT WITH (FORMAT csv)" % (
        ("WHERE " + where) if where else "")
    out = subprocess.run(["psql", "-X", "-q", "-d", db, "-c", sql], capture_output=True, text=True, check=True).stdout
    return {r[0]: (int(r[1]), r[2]) for r in csv.reader(out.splitlines())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("db")
    ap.add_argument("--member", action="append", default=[])
    ap.add_argument("--where", default="")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args()
    where = a.where
    if a.member:
        where = "member_id IN (%s)" % ",".join("'%s'" % m.replace("'", "''") for m in a.member)
    members = entries = 0
    invalid = {}
    last = {}
    cur, expect_seq, prev = None, 0, GENESIS
    for r in rows(a.db, where):
        member, seq = r[0], int(r[1])
        if member != cur:
            if cur is not None:
                last[cur] = (expect_seq, prev)
            cur, expect_seq, prev = member, 0, GENESIS
            members += 1
        entries += 1
        expect_seq += 1
        if member in invalid:
            continue
        e = {"memberId": member, "seq": seq, "id": r[2], "type": r[3], "occurredAt": instant_text(r[4]),
             "recordedAt": instant_text(r[5]), "riskScore": None if r[6] == "" else int(r[6]), "details": r[7],
             "prevHash": r[8]}
        if seq != expect_seq:
            invalid[member] = "seq %d where %d expected" % (seq, expect_seq)
        elif r[8] != prev:
            invalid[member] = "seq %d prevHash does not match the previous hash" % seq
        elif entry_hash(e) != r[9]:
            invalid[member] = "seq %d hash does not match its content" % seq
        prev = r[9]
    if cur is not None:
        last[cur] = (expect_seq, prev)
    head_rows = heads(a.db, where)
    mismatches = [m for m, h in last.items() if head_rows.get(m) != h]
    # A head with no entries is only legitimate at seq 0.
    mismatches += [m for m, h in head_rows.items() if m not in last and h[0] != 0]
    print("members=%d entries=%d invalid_members=%d head_mismatches=%d" % (members, entries, len(invalid),
                                                                        len(mismatches)))
    if not a.quiet:
        for m, why in list(invalid.items())[:10]:
            print("  invalid %s: %s" % (m, why))
        for m in mismatches[:10]:
            print("  head mismatch %s: head %s, entries end at %s" % (m, head_rows.get(m), last.get(m)))
    sys.exit(1 if invalid or mismatches else 0)


if __name__ == "__main__":
    main()
