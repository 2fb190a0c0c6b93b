package dev.trustline.signer.cli;

import dev.trustline.core.TrustLineException;
import dev.trustline.signer.config.SignerConfig;
import dev.trustline.signer.http.DeviceJson;
import dev.trustline.signer.lifecycle.DeviceLifecycle;
import dev.trustline.signer.lifecycle.Transitions;
import dev.trustline.signer.store.DeviceRecord;
import dev.trustline.signer.store.DeviceState;
import dev.trustline.signer.store.LifecycleStore;
import dev.trustline.signer.store.Store;
import dev.trustline.signer.store.TransitionRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bin/signer device show|state|history}: the operator's view of the registry, the same records and
 * rules as the backend's {@code /v1/devices} API (an operator acts in the backend role, as "cli:USER").
 */
@Command(name = "device", mixinStandardHelpOptions = true, description = "Show a device, its state and history; change its state.",
        subcommands = {DeviceCommand.Show.class, DeviceCommand.State.class, DeviceCommand.History.class})
final class DeviceCommand {

    abstract static class Base implements Callable<Integer> {
        @Option(names = "--config", required = true, paramLabel = "signer.yaml") Path config;
        @Option(names = "--device", required = true, paramLabel = "ID") String device;
        @Spec CommandSpec spec;

        abstract int run(SignerConfig c, Store store, LifecycleStore devices) throws TrustLineException;

        @Override
        public Integer call() throws TrustLineException {
            SignerConfig c = SignerConfig.load(config);
            try (Store store = ServeCommand.openStore(c)) {
                return run(c, store, new LifecycleStore(store));
            }
        }

        DeviceRecord record(LifecycleStore devices) throws TrustLineException {
            return devices.device(device).orElseThrow(() -> new TrustLineException("no device '" + device + "' in the registry"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "The registry record as JSON.")
    static final class Show extends Base {
        @Override
        int run(SignerConfig c, Store store, LifecycleStore devices) throws TrustLineException {
            DeviceRecord d = record(devices);
            spec.commandLine().getOut().println(DeviceJson.record(d, devices.provenance(device).orElse(null)).toPrettyString());
            return 0;
        }
    }

    @Command(name = "state", mixinStandardHelpOptions = true,
            description = "Print the state and the allowed next ones; with --set, change it (needs --reason).")
    static final class State extends Base {
        @Option(names = "--set", paramLabel = "STATE") String set;
        @Option(names = "--reason", paramLabel = "TEXT") String reason;

        @Override
        int run(SignerConfig c, Store store, LifecycleStore devices) throws TrustLineException {
            var out = spec.commandLine().getOut();
            if (set == null) {
                DeviceRecord d = record(devices);
                out.println(d.state().code() + " (allowed next: " + Transitions.allowedFrom(d.state()).stream()
                        .map(DeviceState::code).collect(Collectors.joining(", ")) + ")");
                return 0;
            }
            DeviceState to = DeviceState.parse(set).orElse(null);
            if (to == null) {
                spec.commandLine().getErr().println("error: '" + set + "' is not a lifecycle state");
                return 2;
            }
            TransitionRecord t = new DeviceLifecycle(devices, c.lifecycle().rules(), Clock.systemUTC())
                    .apply(RevokeCommand.operator(), device, to, reason, null);
            out.println("device " + device + ": " + t.from().code() + " -> " + t.to().code() + "; ledger entry " + t.ledgerSeq());
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, description = "Every lifecycle change, oldest first.")
    static final class History extends Base {
        @Override
        int run(SignerConfig c, Store store, LifecycleStore devices) throws TrustLineException {
            DeviceRecord d = record(devices);
            var out = spec.commandLine().getOut();
            out.println(d.issuedAt() + "  issued by " + d.station() + " (batch " + d.batchId() + ", line " + d.lineNo() + ")");
            for (TransitionRecord t : devices.transitions(device)) {
                out.println(t.at() + "  " + t.from().code() + " -> " + t.to().code() + "  by " + t.role() + " " + t.actor()
                        + ": " + t.reason() + "  [ledger " + t.ledgerSeq() + "]");
            }
            for (var p : store.history(device)) {
                out.println(p.supersededAt() + "  certificate " + p.serialHex() + " replaced by a re-issue"
                        + (p.revoked() ? " (revoked: superseded)" : ""));
            }
            out.println("now: " + d.state().code());
            return 0;
        }
    }
}
