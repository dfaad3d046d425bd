package com.aegis.vault.migration;

class LegacyBillMigrationPostgresTest extends LegacyBillMigrationContract {

    @Override
    Vendor newVendor() {
        return Vendor.postgres();
    }
}
