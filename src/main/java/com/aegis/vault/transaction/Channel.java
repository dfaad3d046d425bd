package com.aegis.vault.transaction;

/** How the money moves. */
public enum Channel {
    CARD,
    BANK_TRANSFER,
    WIRE,
    GIFT_CARD,
    CRYPTO,
    CHECK,
    OTHER
}
