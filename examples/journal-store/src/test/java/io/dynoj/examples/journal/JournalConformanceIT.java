package io.dynoj.examples.journal;

import io.dynoj.conformance.StoreAdapterConformance;

/** The example store passes the store adapter conformance kit: real nodes, sockets and a cluster. */
class JournalConformanceIT extends StoreAdapterConformance {

    @Override
    protected String datastoreType() {
        return "journal";
    }
}
