package io.dynoj.core.config;

import java.nio.file.Path;

/**
 * Who may talk to the node: client authentication (the protocol adapter reads what concerns its protocol) and
 * the admin port's token. Immutable; {@link #toString()} shows no secret.
 *
 * @param requirepass Redis's {@code requirepass}: the default user's password ({@code requirepass},
 *     {@code requirepass_file} or {@code requirepass_env}), or {@code null}
 * @param aclFile Redis ACL users ({@code acl_file}, a subset of Redis's ACL file syntax), or {@code null}
 * @param authFile memcached's {@code -Y} file of {@code user:password} lines ({@code auth_file}), or {@code null}
 * @param adminTokenFile the file whose first line is the admin port's bearer token ({@code admin_token_file}),
 *     or {@code null}: the admin port asks for no token
 * @param adminReadOpen whether read-only admin endpoints answer without the token ({@code admin_read_open},
 *     default true)
 */
public record AuthSettings(Secret requirepass, Path aclFile, Path authFile, Path adminTokenFile, boolean adminReadOpen) {

    /** Nothing required: the defaults. */
    public static final AuthSettings NONE = new AuthSettings(null, null, null, null, true);

    /** Whether clients must authenticate on the client port (in some protocol). */
    public boolean clientAuthConfigured() {
        return requirepass != null || aclFile != null || authFile != null;
    }
}
