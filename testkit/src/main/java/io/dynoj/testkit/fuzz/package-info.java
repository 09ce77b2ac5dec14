/**
 * What the decoder fuzzers share: {@link io.dynoj.testkit.fuzz.FuzzBytes} reads choices out of a fuzzer's
 * bytes (so that Jazzer's mutations and a seeded random generator drive the same targets),
 * {@link io.dynoj.testkit.fuzz.TrackingAllocator} proves every buffer a decoder took was released,
 * {@link io.dynoj.testkit.fuzz.FuzzWatchdog} turns a decoder that loops into a failure, and
 * {@link io.dynoj.testkit.fuzz.FuzzDriver} runs a target over generated inputs.
 */
package io.dynoj.testkit.fuzz;
