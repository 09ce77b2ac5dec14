package io.dynoj.conformance;

/** The in-memory store passes the conformance kit (all but the restart: it keeps nothing). */
class MemoryStoreConformanceIT extends StoreAdapterConformance {

    @Override
    protected String datastoreType() {
        return "memory";
    }

    @Override
    protected boolean persistent() {
        return false;
    }
}
