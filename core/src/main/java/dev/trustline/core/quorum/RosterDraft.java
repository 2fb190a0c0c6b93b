package dev.trustline.core.quorum;

import dev.trustline.core.Environment;
import java.time.Instant;
import java.util.List;

/** Unvalidated roster fields: turn into a {@link Roster} with {@link Roster#from(RosterDraft)}. */
public record RosterDraft(String rosterId, String tokenLabel, Environment environment, int threshold,
                          List<RosterOfficer> officers, String activationCheck, Instant createdAt) {
    public RosterDraft {
        officers = officers == null ? List.of() : List.copyOf(officers);
    }
}
