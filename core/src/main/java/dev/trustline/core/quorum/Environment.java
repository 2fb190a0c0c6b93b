package dev.trustline.core.quorum;

import java.util.Locale;

/** Where a roster is used. Threshold 1 and cheap card KDF parameters are allowed only in TEST. */
public enum Environment {
    PRODUCTION,
    TEST;

    /** The JSON spelling: "production" or "test". */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON spelling; null when unknown. */
    static Environment fromJson(String text) {
        for (Environment environment : values()) {
            if (environment.jsonName().equals(text)) {
                return environment;
            }
        }
        return null;
    }
}
