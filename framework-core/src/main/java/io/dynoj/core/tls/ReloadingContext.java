package io.dynoj.core.tls;

import io.netty.handler.ssl.SslContext;
import java.util.function.Supplier;

/**
 * An {@link SslContext} that can be rebuilt from its files: {@link #current()} is what a new connection
 * uses; connections already open keep the context they started with. {@link CertificateFiles} decides
 * when to {@link #build()} a new one.
 *
 * <p>Thread-safe: {@link #current()} is a volatile read; {@link #use} is called by one thread.
 */
final class ReloadingContext {

    private final Supplier<SslContext> build;
    private volatile SslContext current;

    /** Builds the first context now: a failure throws (a node does not start without its certificates). */
    ReloadingContext(Supplier<SslContext> build) {
        this.build = build;
        this.current = build.get();
    }

    SslContext current() {
        return current;
    }

    /** A new context from the files as they are now; throws if they cannot make one. */
    SslContext build() {
        return build.get();
    }

    /** New connections use {@code context} from now on. */
    void use(SslContext context) {
        current = context;
    }
}
