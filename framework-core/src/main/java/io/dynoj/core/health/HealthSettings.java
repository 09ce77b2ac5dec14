package io.dynoj.core.health;

/**
 * How peers are watched.
 *
 * @param pingIntervalMillis a connection that received nothing for this long pings the peer
 *     ({@code peer_ping_interval})
 * @param downAfterMillis a peer with no connection up for this long is DOWN ({@code peer_down_after})
 * @param phi the phi-accrual detector's settings ({@code peer_phi_suspect}, {@code peer_phi_down},
 *     {@code peer_acceptable_pause})
 */
public record HealthSettings(long pingIntervalMillis, long downAfterMillis, PhiAccrualDetector.Settings phi) {

    public static final HealthSettings DEFAULTS = new HealthSettings(500, 1000, PhiAccrualDetector.Settings.DEFAULTS);
}
