package io.dynoj.core.topology;

import com.google.auto.service.AutoService;
import io.dynoj.core.config.ConfigSection;
import io.dynoj.core.config.NodeConfig;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.naming.NamingEnumeration;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * Dynomite's {@code dns_provider}: the seed list polled from a DNS TXT record, named as Dynomite names
 * it by {@code DYNOMITE_DNS_NAME} (default {@code _dynomite.ec2-internal}) and {@code DYNOMITE_DNS_TYPE}.
 * Only TXT records carry what a seed needs (port, rack, datacenter, tokens), so type {@code A} is
 * refused. A {@code dns_provider:} section may set {@code name}, {@code type}, {@code server}
 * ({@code host:port} of the DNS server to ask; default the system's resolver) and {@code interval} (ms).
 */
final class DnsTopologySource {

    static final String TYPE = "dns_provider";

    private DnsTopologySource() {
    }

    record Settings(String name, String server, long intervalMillis) {
    }

    static Settings settings(ConfigSection section, Map<String, String> env) {
        section.requireKnownKeys(List.of("name", "type", "server", "interval"));
        String name = section.text("name", env.getOrDefault("DYNOMITE_DNS_NAME", "_dynomite.ec2-internal"));
        String type = section.text("type", env.getOrDefault("DYNOMITE_DNS_TYPE", "TXT")).toUpperCase(Locale.ROOT);
        if (!type.equals("TXT")) {
            throw new IllegalArgumentException(TYPE + ": DNS type '" + type + "' cannot carry seeds "
                    + "(host:port:rack:dc:tokens); use TXT");
        }
        return new Settings(name, section.text("server", null), section.number("interval", 30_000, 100, 3_600_000));
    }

    /** The TXT record's strings, joined: a long seed list is split over several strings of 255 bytes. */
    static String lookup(Settings settings) throws Exception {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("java.naming.provider.url", settings.server() == null ? "dns:" : "dns://" + settings.server());
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext dns = new InitialDirContext(env);
        try {
            Attribute txt = dns.getAttributes(settings.name(), new String[] {"TXT"}).get("TXT");
            if (txt == null || txt.size() == 0) {
                throw new IllegalStateException("no TXT record for " + settings.name());
            }
            StringBuilder list = new StringBuilder();
            NamingEnumeration<?> values = txt.getAll();
            // One record; a list too long for one string comes as several, concatenated.
            list.append(unquote(String.valueOf(values.next())));
            return list.toString();
        } finally {
            dns.close();
        }
    }

    /** JNDI renders a record of several strings as {@code "a" "b"}; the seed list is their concatenation. */
    static String unquote(String value) {
        if (!value.startsWith("\"")) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                inside = !inside;
            } else if (inside) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Type {@code dns_provider}. */
    @AutoService(TopologySourceProvider.class)
    public static final class Provider implements TopologySourceProvider {

        @Override
        public String type() {
            return TYPE;
        }

        @Override
        public void validate(NodeConfig config) {
            settings(config.section(TYPE), System.getenv());
        }

        @Override
        public TopologySource create(TopologySourceContext context) {
            Settings settings = settings(context.config().section(TYPE), System.getenv());
            String where = settings.server() == null ? "" : " at " + settings.server();
            return new SeedListSource(context, () -> lookup(settings), TYPE + " TXT " + settings.name() + where,
                    settings.intervalMillis());
        }
    }
}
