package io.dynoj.core.config;

import java.util.Locale;

/**
 * Dynomite's {@code secure_server_option}: which links between two nodes are encrypted. As Dynomite's
 * {@code is_secure()} decides it: {@code datacenter} encrypts links between datacenters, {@code rack} links
 * between racks (a rack of the same name in another datacenter is another rack), {@code all} every link.
 * Dynoj encrypts with TLS and mutual authentication where Dynomite used its own RSA+AES scheme.
 */
public enum SecureServerOption {
    NONE, RACK, DATACENTER, ALL;

    /** Parses Dynomite's names: {@code none}, {@code rack}, {@code datacenter}, {@code all}. */
    public static SecureServerOption parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none" -> NONE;
            case "rack" -> RACK;
            case "datacenter" -> DATACENTER;
            case "all" -> ALL;
            default -> throw new IllegalArgumentException(
                    "expected one of none, rack, datacenter, all, got '" + text + "'");
        };
    }

    /** Whether a link between a node in {@code dc}/{@code rack} and one in {@code otherDc}/{@code otherRack} is encrypted. */
    public boolean encrypts(String dc, String rack, String otherDc, String otherRack) {
        return switch (this) {
            case NONE -> false;
            case DATACENTER -> !dc.equals(otherDc);
            case RACK -> !dc.equals(otherDc) || !rack.equals(otherRack);
            case ALL -> true;
        };
    }

    /** Dynomite's name of the option. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
