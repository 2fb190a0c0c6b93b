package dev.trustline.core.policy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Templates in policy files: literal text with {@code {device_id}} as the only placeholder. */
final class Placeholders {
    static final String DEVICE_ID = "{device_id}";
    private static final Pattern BRACED = Pattern.compile("\\{[^{}]*}?|}");

    private Placeholders() {
    }

    /** The first brace construct other than {@code {device_id}}, or null when the template is clean. */
    static String firstUnknown(String template) {
        Matcher m = BRACED.matcher(template);
        while (m.find()) {
            if (!m.group().equals(DEVICE_ID)) {
                return m.group();
            }
        }
        return null;
    }

    static boolean hasPlaceholder(String template) {
        return template.contains(DEVICE_ID);
    }

    static String render(String template, String deviceId) {
        return template.replace(DEVICE_ID, deviceId);
    }
}
