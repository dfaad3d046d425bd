package com.aegis.vault.migration;

/** The migration workflow on H2, the development database. */
class MigrationWorkflowH2DbTest extends MigrationWorkflowContract {

    @Override
    Vendor newVendor() {
        return Vendor.h2();
    }
}
