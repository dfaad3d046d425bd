package com.aegis.vault.architecture.cycle.b;

import com.aegis.vault.architecture.cycle.a.First;

/** The other half of the deliberate package cycle. */
public class Second {
    First back;
}
