package dev.trustline.signer.http;

import dev.trustline.signer.access.AccessRules;
import dev.trustline.signer.lifecycle.DeviceCheck;
import dev.trustline.signer.lifecycle.DeviceLifecycle;
import dev.trustline.signer.revocation.DeviceRevocation;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.Store;
import java.util.List;

/**
 * What the device API needs: the lifecycle service, the device check, CRL/OCSP, the registry, the access rules
 * and how to tell roles apart; and the CRL names served publicly ({@code /crl/NAME.crl}).
 */
public record LifecycleApi(DeviceLifecycle lifecycle, DeviceCheck check, DeviceRevocation revocation,
                           LifecycleStore devices, Store store, AccessRules rules, ClientRoles roles,
                           List<String> crlNames) {
    public LifecycleApi {
        crlNames = List.copyOf(crlNames);
    }
}
