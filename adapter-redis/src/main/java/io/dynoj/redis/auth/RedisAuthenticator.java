package io.dynoj.redis.auth;

import io.dynoj.core.config.AuthSettings;
import io.dynoj.core.spi.AuthState;
import io.dynoj.core.spi.ClientAuthenticator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Redis client authentication of one node: the users of {@code acl_file} and the {@code default} user, whose
 * password is {@code requirepass} when the file does not define it. Without either the default user is off
 * (Redis would let everyone in as a passwordless default user: a configuration that asks for authentication
 * means it). Immutable, thread-safe.
 */
public final class RedisAuthenticator implements ClientAuthenticator {

    static final String DEFAULT_USER = "default";

    private final Map<String, AclUser> users;
    private final AclUser defaultUser;

    RedisAuthenticator(Map<String, AclUser> fileUsers, byte[] requirepass) {
        Map<String, AclUser> all = new HashMap<>(fileUsers);
        if (all.containsKey(DEFAULT_USER) && requirepass != null) {
            throw new IllegalArgumentException("requirepass and a 'default' user in acl_file: give the default user's "
                    + "password in one place");
        }
        if (!all.containsKey(DEFAULT_USER)) {
            AclRules rules = new AclRules(DEFAULT_USER, AclCategories.standard());
            if (requirepass != null) {
                // Redis's requirepass: the default user, with every command and key, and this password.
                rules.apply("on").apply("allcommands").apply("allkeys");
                rules.apply(">" + new String(requirepass, java.nio.charset.StandardCharsets.UTF_8));
            }
            all.put(DEFAULT_USER, rules.build());
        }
        this.users = Map.copyOf(all);
        this.defaultUser = all.get(DEFAULT_USER);
    }

    /**
     * The authenticator {@code settings} ask for, or {@code null} when they set neither {@code requirepass} nor
     * {@code acl_file}.
     *
     * @throws IllegalArgumentException for an unreadable or invalid ACL file, or memcached's {@code auth_file}
     */
    public static RedisAuthenticator of(AuthSettings settings) {
        if (settings.authFile() != null) {
            throw new IllegalArgumentException("auth_file is memcached's; the redis protocol uses requirepass and "
                    + "acl_file");
        }
        if (settings.requirepass() == null && settings.aclFile() == null) {
            return null;
        }
        Map<String, AclUser> fileUsers = settings.aclFile() == null ? Map.of() : AclFile.read(settings.aclFile());
        byte[] requirepass = settings.requirepass() == null ? null : settings.requirepass().bytes();
        return new RedisAuthenticator(fileUsers, requirepass);
    }

    /** An authenticator over the users of {@code aclLines} (tests). */
    static RedisAuthenticator of(List<String> aclLines, byte[] requirepass) {
        return new RedisAuthenticator(AclFile.parse(aclLines, "acl"), requirepass);
    }

    @Override
    public AuthState newConnection() {
        return new RedisAuthState(this);
    }

    /** The user named {@code name}, or {@code null}. */
    AclUser user(String name) {
        return users.get(name);
    }

    AclUser defaultUser() {
        return defaultUser;
    }

    /** Who a new (or RESET) connection is: the default user when it needs no password, else nobody yet. */
    AclUser initialUser() {
        return defaultUser.enabled() && defaultUser.nopass() ? defaultUser : null;
    }
}
