package dev.trustline.signer.access;

import java.util.Objects;

/**
 * Who asks: the client certificate's CN and its role, or an operator at the signer host's command line
 * ({@link #operator}). Recorded in the ledger with each lifecycle change.
 */
public record Actor(String name, Role role) {
    public Actor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an actor needs a name");
        }
    }

    /** An operator using {@code bin/signer} on the signer host: the backend role, named "cli:USER". */
    public static Actor operator(String user) {
        return new Actor("cli:" + user, Role.BACKEND);
    }

    @Override
    public String toString() {
        return role.configName() + " " + name;
    }
}
