package com.aegis.vault.migration;

class LegacyBillMigrationH2DbTest extends LegacyBillMigrationContract {

    @Override
    Vendor newVendor() {
        return Vendor.h2();
    }
}
