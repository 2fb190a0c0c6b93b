package dev.trustline.station.sim;

import dev.trustline.core.TrustLineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Misbehaviour switches for the simulator, each {@code NAME[@COMMAND][=TIMES]}: without TIMES a fault
 * fires every time, with it only the first TIMES times (so a re-run of the station can complete).
 * <ul>
 *   <li>{@code lose-write}: write_certs answers ok but keeps nothing;
 *   <li>{@code wrong-cert-slot}: write_certs writes into another slot;
 *   <li>{@code swapped-id}: info reports another device's ID (last two characters transposed);
 *   <li>{@code wrong-key-slot}: sign_challenge signs with the factory-test key, not the certified one;
 *   <li>{@code no-debug-lock}: finalize answers ok but leaves debug open;
 *   <li>{@code self-test-fail}: self_test reports the secure element failing;
 *   <li>{@code lose-key}: generate_key finds its key gone (a wiped secure element) and makes a new one;
 *   <li>{@code timeout@CMD}: CMD is carried out but never answered;
 *   <li>{@code reboot@CMD}: the device reboots in the middle of CMD (write_certs: half written) and
 *       drops the link.
 * </ul>
 */
public final class Faults {
    static final Set<String> NAMES = Set.of("lose-write", "wrong-cert-slot", "swapped-id", "wrong-key-slot",
            "no-debug-lock", "self-test-fail", "lose-key", "timeout", "reboot");
    private static final Set<String> COMMANDS = Set.of("info", "set_device_id", "generate_key", "write_certs",
            "read_certs", "sign_challenge", "self_test", "finalize");

    private static final class Fault {
        final String name;
        final String command;
        int left;

        Fault(String name, String command, int left) {
            this.name = name;
            this.command = command;
            this.left = left;
        }
    }

    private final List<Fault> faults = new ArrayList<>();

    public static Faults parse(List<String> specs) throws TrustLineException {
        Faults f = new Faults();
        for (String spec : specs) {
            f.faults.add(one(spec));
        }
        return f;
    }

    private static Fault one(String spec) throws TrustLineException {
        String rest = spec;
        int times = -1;
        int eq = rest.indexOf('=');
        if (eq >= 0) {
            try {
                times = Integer.parseInt(rest.substring(eq + 1));
            } catch (NumberFormatException e) {
                times = 0;
            }
            if (times < 1) {
                throw new TrustLineException("--fault " + spec + ": TIMES must be a positive number");
            }
            rest = rest.substring(0, eq);
        }
        String command = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            command = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!COMMANDS.contains(command)) {
                throw new TrustLineException("--fault " + spec + ": unknown command '" + command + "' (one of " + String.join(", ", COMMANDS.stream().sorted().toList()) + ")");
            }
        }
        if (!NAMES.contains(rest)) {
            throw new TrustLineException("--fault " + spec + ": unknown fault '" + rest + "' (one of " + String.join(", ", NAMES.stream().sorted().toList()) + ")");
        }
        if ((rest.equals("timeout") || rest.equals("reboot")) != (command != null)) {
            throw new TrustLineException("--fault " + spec + ": " + (command == null ? rest + " needs @COMMAND" : rest + " takes no @COMMAND"));
        }
        return new Fault(rest, command, times);
    }

    /** True (and counted) when fault {@code name} applies to {@code command} now. */
    synchronized boolean fire(String name, String command) {
        for (Fault f : faults) {
            if (f.name.equals(name) && (f.command == null || f.command.equals(command)) && f.left != 0) {
                if (f.left > 0) {
                    f.left--;
                }
                return true;
            }
        }
        return false;
    }
}
