/**
 * Test fixtures shared by Dynoj's modules: real backend server processes ({@link io.dynoj.testkit.RedisServer},
 * {@link io.dynoj.testkit.MemcachedServer},
 * {@link io.dynoj.testkit.MariaDbServer}), a RESP client that is independent of the code under test
 * ({@link io.dynoj.testkit.RespClient}), and Netty leak detection that fails the offending test class
 * ({@link io.dynoj.testkit.NoLeaksExtension}).
 */
package io.dynoj.testkit;
