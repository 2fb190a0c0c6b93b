package dev.trustline.core.quorum;

import dev.trustline.core.Environment;

/** Parameters of a new roster: the token it guards, its environment, threshold M and card KDF. */
public record EnrolmentRequest(String tokenLabel, Environment environment, int threshold, KdfParams kdf) {
}
