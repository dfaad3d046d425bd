package com.aegis.vault.migration;

/** The dry runs on PostgreSQL, the production database. */
class DryRunPostgresTest extends DryRunContract {

    @Override
    Vendor newVendor() {
        return Vendor.postgres();
    }
}
