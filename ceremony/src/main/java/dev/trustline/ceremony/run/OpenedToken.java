package dev.trustline.ceremony.run;

import dev.trustline.ceremony.quorum.OfficerQuorum;
import dev.trustline.core.hsm.HsmToken;

/** A logged-in token and, when it is under officer quorum, the officers whose cards are unlocked. */
public record OpenedToken(HsmToken token, OfficerQuorum quorum) {
}
