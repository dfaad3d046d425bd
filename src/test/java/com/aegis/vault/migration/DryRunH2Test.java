package com.aegis.vault.migration;

/** The dry runs on H2, the development database. */
class DryRunH2Test extends DryRunContract {

    @Override
    Vendor newVendor() {
        return Vendor.h2();
    }
}
