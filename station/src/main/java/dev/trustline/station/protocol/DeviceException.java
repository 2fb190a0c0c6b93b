package dev.trustline.station.protocol;

import dev.trustline.core.TrustLineException;

/**
 * A device command that did not succeed: the device answered with an error, did not answer in time,
 * went away (closed the link, e.g. rebooted), or answered something that is not the protocol.
 */
public final class DeviceException extends TrustLineException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, as the job record names it. */
    public enum Kind { ERROR_REPLY, TIMEOUT, DISCONNECTED, BAD_REPLY }

    private final Kind kind;
    private final String code;

    public DeviceException(Kind kind, String code, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** The device's error code for {@link Kind#ERROR_REPLY}; otherwise timeout, disconnected or bad-reply. */
    public String code() {
        return code;
    }
}
