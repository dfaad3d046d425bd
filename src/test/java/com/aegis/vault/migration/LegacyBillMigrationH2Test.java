package com.aegis.vault.migration;

class LegacyBillMigrationH2Test extends LegacyBillMigrationContract {

    @Override
    Vendor newVendor() {
        return Vendor.h2();
    }
}
