#!/usr/bin/env python3
"""Independent auditor for the Aegis Trust Vault audit trail (Python 3 standard library only).

Recomputes a member's SHA-256 hash chain from the API's own JSON and names the first entry that
does not match. It trusts nothing the server computed except the data itself.

  # straight from the API (follows nextCursor through every page)
  python3 docs/verify_chain.py --base-url http://localhost:8080 --token "$TOKEN" [--member-id alice]

  # from saved output: one page {"items":[...]}, a list of pages, or a list of entries
  python3 docs/verify_chain.py --input pages.json

Exit status: 0 the chain is intact, 1 it is not (the first invalid seq is printed), 2 usage or I/O error.

The canonical form (see README, "Audit trail: the canonical form"):
  hash(entry) = lowercase hex SHA-256 of the UTF-8 bytes of
                canonical({"details", "id", "memberId", "occurredAt", "prevHash", "recordedAt",
                           "riskScore", "seq", "type"})   -- every field of the entry except "hash"
  canonical = JSON with object keys sorted by UTF-16 code units, no white space, strings escaped only
              where JSON requires (", \\, \\b \\f \\n \\r \\t, other U+0000-U+001F as \\u00xx in lower
              case hex), integers as plain digits, null/true/false as literals.
  Instants are the exact strings the API shows; riskScore is null where none applies;
  prevHash of seq 1 is 64 zeros; seq runs 1, 2, 3 ... without gaps.
"""
import argparse
import decimal
import hashlib
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

GENESIS = "0" * 64
HASHED_FIELDS = ("details", "id", "memberId", "occurredAt", "prevHash", "recordedAt", "riskScore", "seq", "type")


def canonical(value):
    """RFC 8785-style canonical JSON, exactly as the service writes it (CanonicalJson.java)."""
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: k.encode("utf-16-be"))  # UTF-16 code unit order
        return "{" + ",".join(canonical(k) + ":" + canonical(value[k]) for k in keys) + "}"
    if isinstance(value, list):
        return "[" + ",".join(canonical(v) for v in value) + "]"
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):  # not used by the audit trail today; plain form, no trailing zeros
        if value == value.to_integral_value():
            return str(int(value))
        return format(value.normalize(), "f")
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise ValueError("not a JSON value: %r" % (value,))


def entry_hash(entry):
    content = {name: entry.get(name) for name in HASHED_FIELDS}
    return hashlib.sha256(canonical(content).encode("utf-8")).hexdigest()


def verify(entries):
    """Returns (first_invalid_seq or None, reason)."""
    previous = GENESIS
    expected_seq = 1
    for entry in sorted(entries, key=lambda e: e["seq"]):
        seq = entry["seq"]
        if seq != expected_seq:
            return expected_seq, "entry seq %d is missing (next entry found is seq %d)" % (expected_seq, seq)
        if entry["prevHash"] != previous:
            return seq, "prevHash %s is not the hash of seq %d (%s)" % (entry["prevHash"], seq - 1, previous)
        recomputed = entry_hash(entry)
        if recomputed != entry["hash"]:
            return seq, "hash %s does not match its content (recomputed %s)" % (entry["hash"], recomputed)
        previous = entry["hash"]
        expected_seq += 1
    return None, "chain intact"


def load_json(text):
    return json.loads(text, parse_float=decimal.Decimal)


def entries_from_document(document):
    if isinstance(document, dict):
        return list(document.get("items", []))
    entries = []
    for element in document:
        if isinstance(element, dict) and "items" in element:
            entries.extend(element["items"])
        else:
            entries.append(element)
    return entries


def fetch_entries(base_url, token, member_id, page_size=200):
    entries, cursor = [], None
    while True:
        params = {"limit": str(page_size)}
        if member_id:
            params["memberId"] = member_id
        if cursor:
            params["cursor"] = cursor
        url = base_url.rstrip("/") + "/api/v1/security-logs?" + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, headers={"Authorization": "Bearer " + token,
                                                       "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            page = load_json(response.read().decode("utf-8"))
        entries.extend(page["items"])
        cursor = page.get("nextCursor")
        if not cursor:
            return entries


def main(argv=None):
    parser = argparse.ArgumentParser(description="Recompute an Aegis Trust Vault member's hash chain.")
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--base-url", help="the service, e.g. http://localhost:8080")
    source.add_argument("--input", help="a JSON file of saved /api/v1/security-logs output ('-' = stdin)")
    parser.add_argument("--token", help="bearer token (with --base-url)")
    parser.add_argument("--member-id", help="whose chain (default: the token's own)")
    args = parser.parse_args(argv)
    try:
        if args.base_url:
            if not args.token:
                parser.error("--token is required with --base-url")
            entries = fetch_entries(args.base_url, args.token, args.member_id)
        else:
            text = sys.stdin.read() if args.input == "-" else open(args.input, encoding="utf-8").read()
            entries = entries_from_document(load_json(text))
    except (OSError, urllib.error.URLError, ValueError, KeyError) as e:
        print("ERROR: cannot read the audit trail: %s" % e, file=sys.stderr)
        return 2
    members = {e.get("memberId") for e in entries}
    if len(members) > 1:
        print("ERROR: entries of several members: %s" % ", ".join(sorted(map(str, members))), file=sys.stderr)
        return 2
    member = members.pop() if members else (args.member_id or "?")
    first_invalid, reason = verify(entries)
    if first_invalid is None:
        head = max(entries, key=lambda e: e["seq"])["hash"] if entries else GENESIS
        print("OK: member %s, %d entries, chain intact, head %s" % (member, len(entries), head))
        return 0
    print("INVALID: member %s, %d entries, first invalid seq %d: %s" % (member, len(entries), first_invalid, reason))
    return 1


if __name__ == "__main__":
    sys.exit(main())
