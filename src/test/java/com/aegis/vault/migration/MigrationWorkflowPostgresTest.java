package com.aegis.vault.migration;

/** The migration workflow on PostgreSQL, the production database. */
class MigrationWorkflowPostgresTest extends MigrationWorkflowContract {

    @Override
    Vendor newVendor() {
        return Vendor.postgres();
    }
}
