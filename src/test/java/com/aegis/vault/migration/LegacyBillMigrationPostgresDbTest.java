package com.aegis.vault.migration;

class LegacyBillMigrationPostgresDbTest extends LegacyBillMigrationContract {

    @Override
    Vendor newVendor() {
        return Vendor.postgres();
    }
}
