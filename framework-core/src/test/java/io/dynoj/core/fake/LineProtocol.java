package io.dynoj.core.fake;

import io.dynoj.core.plugin.ProviderLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * Makes the fake {@code line} protocol and {@code linemap} datastore findable by name for the nodes a
 * test starts, until closed.
 *
 * <p>Why not {@code @AutoService} like real adapters: registered on the test class path they would be
 * installed for every test of framework-core (some check that no protocol is installed without adapter
 * jars) and, through the test-jar, for every module that uses framework-core's test classes. Their
 * service files sit instead under this package's {@code services/} directory, which only the class
 * loader made here sees. Not for concurrent use: it changes which loader provider lookups go through.
 */
public final class LineProtocol implements AutoCloseable {

    private final ClassLoader before;
    private final URLClassLoader loader;

    private LineProtocol() {
        before = ProviderLoader.classLoader();
        URL services = LineProtocol.class.getResource("services/");
        if (services == null) {
            throw new IllegalStateException("the line protocol's service files are missing from the class path");
        }
        loader = new URLClassLoader(new URL[] {services}, before);
        ProviderLoader.useClassLoader(loader);
    }

    /** Registers the line protocol until {@link #close()}. */
    public static LineProtocol install() {
        return new LineProtocol();
    }

    /** Puts back the lookups as they were. */
    @Override
    public void close() {
        ProviderLoader.useClassLoader(before);
        try {
            loader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
