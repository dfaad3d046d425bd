package com.aegis.vault.architecture.cycle.a;

import com.aegis.vault.architecture.cycle.b.Second;

/** Half of a deliberate package cycle that PackageCyclesTest must detect. */
public class First {
    Second next;
}
