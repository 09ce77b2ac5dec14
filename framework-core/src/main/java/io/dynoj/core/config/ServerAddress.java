package io.dynoj.core.config;

/**
 * One datastore server behind the node, written as Dynomite writes it:
 * {@code host:port:weight [name]} (weight and name optional).
 */
public record ServerAddress(HostPort address, int weight, String name) {

    public static ServerAddress parse(String text) {
        String value = text.trim();
        String name = null;
        int space = value.indexOf(' ');
        if (space > 0) {
            name = value.substring(space + 1).trim();
            value = value.substring(0, space);
        }
        String[] parts = value.split(":");
        if (parts.length == 3) {
            try {
                int weight = Integer.parseInt(parts[2]);
                return new ServerAddress(HostPort.parse(parts[0] + ":" + parts[1]), weight, name);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port:weight, got '" + text + "'");
            }
        }
        if (parts.length == 2) {
            return new ServerAddress(HostPort.parse(value), 1, name);
        }
        throw new IllegalArgumentException("expected host:port:weight [name], got '" + text + "'");
    }

    @Override
    public String toString() {
        return address + ":" + weight + (name == null ? "" : " " + name);
    }
}
