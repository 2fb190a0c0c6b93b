package dev.trustline.signer.it;

/** The device lifecycle over HTTPS on a SQLite file (the signer's single-instance store). */
class SqliteDeviceLifecycleApiTest extends DeviceLifecycleApiContract {
    @Override
    String database() {
        return "  sqlite: state/signer.db\n";
    }
}
