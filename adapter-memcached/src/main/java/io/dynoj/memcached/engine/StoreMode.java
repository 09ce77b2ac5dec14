package io.dynoj.memcached.engine;

/** How a storage command treats an existing item (memcached's NREAD_* modes). */
enum StoreMode {
    SET, ADD, REPLACE, APPEND, PREPEND, CAS
}
