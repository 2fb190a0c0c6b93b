package dev.trustline.signer.revocation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RevocationReasonTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unspecified, 0", "key-compromise, 1", "keyCompromise, 1", "affiliation-changed, 3", "superseded, 4",
        "cessation-of-operation, 5", "cessationOfOperation, 5", "privilege-withdrawn, 9"})
    void parse_rfc5280Reason_hasItsCode(String name, int code) {
        assertEquals(code, RevocationReason.parse(name).orElseThrow().code());
        assertEquals(RevocationReason.parse(name).orElseThrow(), RevocationReason.ofCode(code));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "certificate-hold | reason 'certificate-hold' is not a device revocation reason (revocation is permanent here; holds are not offered); use one of unspecified, key-compromise, affiliation-changed, superseded, cessation-of-operation, privilege-withdrawn",
        "removeFromCRL | reason 'removeFromCRL' is not a device revocation reason (revocation is permanent here; holds are not offered); use one of unspecified, key-compromise, affiliation-changed, superseded, cessation-of-operation, privilege-withdrawn",
        "ca-compromise | reason 'ca-compromise' is not a device revocation reason (that reason is for CAs, not device certificates); use one of unspecified, key-compromise, affiliation-changed, superseded, cessation-of-operation, privilege-withdrawn",
        "stolen | reason 'stolen' is not a device revocation reason; use one of unspecified, key-compromise, affiliation-changed, superseded, cessation-of-operation, privilege-withdrawn"})
    void parse_otherName_isRefusedWithTheAllowedOnes(String name, String message) {
        assertEquals(true, RevocationReason.parse(name).isEmpty());
        assertEquals(message, RevocationReason.refusal(name));
    }
}
