package dev.trustline.signer.bench;

import com.sun.tools.attach.VirtualMachine;

/**
 * Sends one command to async-profiler inside a running JVM (bin/bench --profile: "start,..." before a round,
 * "stop,file=..." after it), through the JDK's attach API. jcmd's JVMTI.agent_load cannot carry the profiler's
 * options (it reads "start,event=cpu" as a named argument). Not part of the signer.
 *
 * <pre>java -cp ... dev.trustline.signer.bench.ProfilerAttach PID LIBASYNCPROFILER.so COMMAND</pre>
 */
public final class ProfilerAttach {
    private ProfilerAttach() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: ProfilerAttach PID LIBASYNCPROFILER.so COMMAND");
            System.exit(2);
        }
        VirtualMachine vm = VirtualMachine.attach(args[0]);
        try {
            vm.loadAgentPath(args[1], args[2]);
        } finally {
            vm.detach();
        }
    }
}
