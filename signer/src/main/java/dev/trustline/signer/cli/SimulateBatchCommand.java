package dev.trustline.signer.cli;

import dev.trustline.signer.client.FactorySimulator;
import dev.trustline.core.files.NewFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes a sample batch of simulated devices (for demos, onboarding and load tests). */
@Command(name = "simulate-batch", mixinStandardHelpOptions = true,
        description = "Write a batch of simulated device CSRs (device IDs PREFIX + 9 digits + Luhn digit) as JSON lines.")
final class SimulateBatchCommand implements Callable<Integer> {
    @Option(names = "--count", defaultValue = "1000") int count;
    @Option(names = "--prefix", defaultValue = "GW") String prefix;
    @Option(names = "--first-serial", defaultValue = "1") long first;
    @Option(names = "--operator", defaultValue = "operator-01") String operator;
    @Option(names = "--out", required = true, paramLabel = "BATCH.jsonl") Path out;
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        var lines = FactorySimulator.batch(prefix, first, count, "", operator);
        NewFiles.writeNew(out, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8), NewFiles.PUBLIC, "file");
        spec.commandLine().getOut().println(count + " simulated devices written to " + out);
        return 0;
    }
}
