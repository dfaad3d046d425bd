#!/usr/bin/env python3
"""Writes a VALID hash chain of N SCAM_CALL entries for one new member straight into the database
(COPY), hashed exactly as the service does, and sets the member's chain head — so `verify` can be
timed on 100,000 entries without posting 100,000 requests. The service's own
GET /api/v1/security-logs/verify then confirms the chain (growth.sh checks valid=true).

usage: gen_chain.py DB MEMBER_ID COUNT
       gen_chain.py DB MEMBER_PATTERN COUNT --members N   (e.g. 'm-00000000-0000-4000-8000-%012d': N chains)
"""
import io
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from aegis import GENESIS, canonical, entry_hash  # noqa: E402


def java_instant(dt):
    """Instant.toString() of a UTC datetime with microseconds."""
    base = dt.strftime("%Y-%m-%dT%H:%M:%S")
    us = dt.microsecond
    if us == 0:
        return base + "Z"
    if us % 1000 == 0:
        return "%s.%03dZ" % (base, us // 1000)
    return "%s.%06dZ" % (base, us)


def main():
    db, member, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    # MEMBER_ID may be a printf pattern ("m-%012d") with --members N: one chain of COUNT entries for each of N members.
    members = [member]
    if len(sys.argv) > 5 and sys.argv[4] == "--members":
        members = [member % i for i in range(1, int(sys.argv[5]) + 1)]
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(days=400)
    verdicts = ["BLOCKED", "WARNED", "ALLOWED", "REPORTED"]
    copy = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c",
                             "COPY security_logs (id, member_id, seq, type, occurred_at, recorded_at, risk_score, details, "
                             "prev_hash, hash) FROM STDIN"], stdin=subprocess.PIPE, text=True)
    heads = io.StringIO()
    for m in members:
        prev = GENESIS
        buf = io.StringIO()
        for seq in range(1, count + 1):
            occurred = start + timedelta(seconds=seq * 300, microseconds=(seq * 7919) % 1_000_000)
            recorded = occurred + timedelta(milliseconds=250 + seq % 997)
            details = canonical({"callerNumber": "+4477009%05d" % (seq % 100000), "durationSeconds": seq % 600,
                                 "verdict": verdicts[seq % 4]})
            e = {"details": details, "id": str(uuid.uuid4()), "memberId": m, "occurredAt": java_instant(occurred),
                 "prevHash": prev, "recordedAt": java_instant(recorded), "riskScore": seq % 101, "seq": seq,
                 "type": "SCAM_CALL"}
            h = entry_hash(e)
            # COPY text format: tab-separated; details holds no tab, newline or backslash.
            buf.write("\t".join([e["id"], m, str(seq), "SCAM_CALL", occurred.isoformat(), recorded.isoformat(),
                                 str(e["riskScore"]), details, prev, h]) + "\n")
            prev = h
        copy.stdin.write(buf.getvalue())
        heads.write("%s\t%d\t%s\n" % (m, count, prev))
    copy.stdin.close()
    if copy.wait() != 0:
        sys.exit("COPY failed")
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-c",
                    "CREATE TEMP TABLE heads (member_id varchar(64), last_seq bigint, last_hash varchar(64)); "
                    "COPY heads FROM STDIN; "
                    "INSERT INTO member_chains (member_id, last_seq, last_hash) SELECT * FROM heads "
                    "ON CONFLICT (member_id) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash"],
                   input=heads.getvalue(), text=True, check=True)
    print("generated %d entries for %s%s" % (count, members[0], "" if len(members) == 1 else " and %d more members" % (len(members) - 1)))


if __name__ == "__main__":
    main()
