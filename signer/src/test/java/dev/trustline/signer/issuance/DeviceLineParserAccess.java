package dev.trustline.signer.issuance;

import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** Test access to the CSR reader. */
public final class DeviceLineParserAccess {
    private DeviceLineParserAccess() {
    }

    public static PKCS10CertificationRequest csr(String text) throws LineRefused {
        return DeviceLineParser.csr(text);
    }
}
