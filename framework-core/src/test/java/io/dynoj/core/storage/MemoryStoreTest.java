package io.dynoj.core.storage;

/** The in-memory store meets the store contract. */
class MemoryStoreTest extends OrderedStoreContract {

    @Override
    protected OrderedStore newStore() {
        return new MemoryStore();
    }
}
