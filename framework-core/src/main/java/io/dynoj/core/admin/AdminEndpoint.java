package io.dynoj.core.admin;

/** Answers one admin path. Runs on the connection's event loop, so it must not block. */
@FunctionalInterface
interface AdminEndpoint {

    AdminResponse handle(AdminRequest request);
}
