package io.dynoj.conformance;

/** The LevelDB store (adapter-leveldb) passes the store adapter conformance kit. */
class LevelDbConformanceIT extends StoreAdapterConformance {

    @Override
    protected String datastoreType() {
        return "leveldb";
    }
}
