/**
 * Dynomite-compatible key hashing: {@link io.dynoj.core.hash.HashAlgorithm} (the {@code hash:}
 * functions, bit-exact with Netflix Dynomite), {@link io.dynoj.core.hash.HashTag} (the
 * {@code hash_tag:} selection) and {@link io.dynoj.core.hash.KeyHasher}, whose class comment states
 * how Dynomite compares the resulting token with node tokens on the ring.
 */
package io.dynoj.core.hash;
