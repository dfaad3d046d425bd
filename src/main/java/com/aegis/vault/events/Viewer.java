package com.aegis.vault.events;

/** Who holds a stream, captured when it opens (the request scope ends long before the stream). */
record Viewer(String id, boolean member, boolean advocate, boolean admin) {
}
