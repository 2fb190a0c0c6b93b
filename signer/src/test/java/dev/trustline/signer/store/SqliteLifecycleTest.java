package dev.trustline.signer.store;

/** The lifecycle contract on a real SQLite file. */
class SqliteLifecycleTest extends LifecycleContract {
    @Override
    Store openStore() throws StoreException {
        return Store.openSqlite(dir.resolve("registry.db"));
    }
}
