package com.aegis.vault.scamcall;

/** What the phone did about a suspected scam call. */
public enum Verdict {
    BLOCKED,
    WARNED,
    ALLOWED,
    REPORTED
}
