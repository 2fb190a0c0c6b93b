package dev.trustline.signer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trustline.core.hsm.PinSource;
import dev.trustline.core.x509.Pem;
import dev.trustline.signer.client.StationTls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The overload benchmark's client (bin/bench --overload): more station clients than the signer serves at
 * once, each posting batch chunks over its own mTLS connection for a fixed time, as a station does: a chunk
 * answered 503 + Retry-After is sent again, same batch id and lines, after the wait (or at once with
 * {@code --no-wait}). It measures what the signer does with the excess: how many requests it accepted, shed
 * (503 + Retry-After) or answered otherwise, the latency of accepted requests and of 503 answers, the
 * certificates issued, and the signer process's peak RSS ({@code VmHWM} of /proc/PID/status) and heap
 * ({@code jstat -gc}, sampled). Requests still running at the end are waited for and counted: accepted work
 * is never dropped from the figures. Not part of the signer.
 *
 * <pre>java -cp ... dev.trustline.signer.bench.OverloadLoad --url URL --trust ROOT.pem --policy ID
 *     --lines BATCH.jsonl --password file:PATH --station P12 [--station P12 ...] [--clients 48] [--seconds 30]
 *     [--chunk 500] [--no-wait] [--signer-pid PID]</pre>
 */
public final class OverloadLoad {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run.
     *
     * @param stations one mTLS context per station certificate; client i uses station i mod their number
     * @param lines device lines, each sent in at most one accepted request
     * @param waitRetryAfter sleep Retry-After before re-sending a shed chunk (as a station does)
     * @param signerPid the signer process to sample (RSS, heap), or 0
     * @param padBytes newlines appended to every body (the signer skips blank lines): a small chunk with the
     *     size of a large one, for a short check that needs few device lines
     */
    public record Settings(URI url, List<SSLContext> stations, String policy, List<String> lines, int clients,
                           Duration duration, int linesPerRequest, boolean waitRetryAfter, long signerPid, int padBytes) {
        public Settings {
            Objects.requireNonNull(url, "url");
            stations = List.copyOf(stations);
            lines = List.copyOf(lines);
            if (stations.isEmpty() || clients < 1 || linesPerRequest < 1 || duration.isNegative() || duration.isZero() || padBytes < 0) {
                throw new IllegalArgumentException("need a station, a client, a chunk of 1 line or more and a duration");
            }
        }
    }

    /** One answer: its latency, and what it was. */
    private record Answer(long nanos, Kind kind, String detail) {
    }

    /** The kinds of answer a request gets. */
    public enum Kind {
        /** 200: every line has a result. */
        ACCEPTED,
        /** 503 with Retry-After. */
        SHED,
        /** Anything else: another status, a 503 without Retry-After, a broken connection. */
        OTHER
    }

    /**
     * The measured figures.
     *
     * @param others what the OTHER answers were, with counts (e.g. "HTTP 500", "io: Connection reset")
     * @param certificates issued certificates in accepted answers
     * @param retryLines lines answered "retry" inside accepted answers (rate limit, HSM)
     * @param exhausted true if the clients ran out of device lines before the time was up
     * @param peakRssKib VmHWM of the signer, -1 without a pid
     * @param peakHeapKib the highest heap use jstat saw (survivors + eden + old), -1 if not sampled
     * @param heapCommittedKib the heap committed at that moment, -1 if not sampled
     * @param rssQuartersKib the signer's RSS when a quarter, half, three quarters and all of the time had passed
     *     (empty without a pid): flat when memory is bounded
     */
    public record Report(int clients, int stations, Duration duration, double seconds, List<Long> acceptedNanos,
                         List<Long> shedNanos, List<Long> otherNanos, Map<String, Integer> others, long certificates,
                         long retryLines, boolean shedWithoutRetryAfter, boolean exhausted, long peakRssKib,
                         long peakHeapKib, long heapCommittedKib, List<Long> rssQuartersKib) {

        public int accepted() {
            return acceptedNanos.size();
        }

        public int shed() {
            return shedNanos.size();
        }

        public int other() {
            return otherNanos.size();
        }

        public void print(PrintStream out, int chunk, boolean waited) {
            out.printf("overload: %d clients over %d station certificates, %s, %d lines per request, %s%n", clients, stations,
                    duration, chunk, waited ? "a shed request is re-sent after its Retry-After" : "a shed request is re-sent at once");
            out.printf("requests: %d accepted (200), %d shed (503 + Retry-After), %d other%s%n", accepted(), shed(), other(),
                    others.isEmpty() ? "" : " " + others);
            out.printf("%-26s %8s %8s %8s %8s%n", "latency (ms)", "p50", "p95", "p99", "max");
            row(out, "accepted (200)", acceptedNanos);
            row(out, "shed (503)", shedNanos);
            if (!otherNanos.isEmpty()) {
                row(out, "other", otherNanos);
            }
            out.printf("certificates: %d issued in %.1f s = %.0f/s%s%n", certificates, seconds, certificates / seconds,
                    retryLines == 0 ? "" : " (" + retryLines + " lines answered retry)");
            out.printf("signer memory: peak RSS (VmHWM) %s; heap in use at most %s of %s committed (jstat -gc, sampled)%n",
                    mib(peakRssKib), mib(peakHeapKib), mib(heapCommittedKib));
            if (!rssQuartersKib.isEmpty()) {
                out.printf("signer RSS after 1/4, 1/2, 3/4 and all of the time: %s%n",
                        String.join(", ", rssQuartersKib.stream().map(Report::mib).toList()));
            }
            if (exhausted) {
                out.println("WARNING: the clients ran out of device lines before the time was up: give more lines");
            }
        }

        private static void row(PrintStream out, String label, List<Long> nanos) {
            out.printf("  %-24s %8s %8s %8s %8s%n", label, ms(percentile(nanos, 50)), ms(percentile(nanos, 95)),
                    ms(percentile(nanos, 99)), ms(nanos.isEmpty() ? -1 : nanos.get(nanos.size() - 1)));
        }

        private static String ms(long nanos) {
            return nanos < 0 ? "-" : String.format("%.0f", nanos / 1e6);
        }

        private static String mib(long kib) {
            return kib < 0 ? "n/a" : String.format("%.0f MiB", kib / 1024.0);
        }
    }

    private OverloadLoad() {
    }

    /** Nearest-rank percentile of sorted values; -1 for none. */
    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    public static Report run(Settings s) throws Exception {
        String run = Long.toHexString(System.currentTimeMillis());
        AtomicInteger nextSlice = new AtomicInteger();
        List<Answer> answers = Collections.synchronizedList(new ArrayList<>());
        LongAdder certificates = new LongAdder();
        LongAdder retryLines = new LongAdder();
        AtomicLong shedWithoutRetryAfter = new AtomicLong();
        AtomicLong exhausted = new AtomicLong();
        Sampler sampler = s.signerPid() > 0 ? Sampler.start(s.signerPid()) : null;
        long start = System.nanoTime();
        long deadline = start + s.duration().toNanos();
        List<Long> rssQuarters = Collections.synchronizedList(new ArrayList<>());
        var quarters = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "overload-rss");
            t.setDaemon(true);
            return t;
        });
        if (s.signerPid() > 0) {
            for (int q = 1; q <= 4; q++) {
                quarters.schedule(() -> rssQuarters.add(statusKib(s.signerPid(), "VmRSS")), s.duration().toMillis() * q / 4 - (q == 4 ? 50 : 0),
                        java.util.concurrent.TimeUnit.MILLISECONDS);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(s.clients());
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < s.clients(); c++) {
                SSLContext tls = s.stations().get(c % s.stations().size());
                clients.add(pool.submit(() -> {
                    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls)
                            .connectTimeout(Duration.ofSeconds(30)).build();
                    int slice = -1;
                    while (System.nanoTime() < deadline) {
                        if (slice < 0) {
                            slice = nextSlice.getAndIncrement();
                            if ((long) slice * s.linesPerRequest() >= s.lines().size()) {
                                exhausted.incrementAndGet();
                                return null;
                            }
                        }
                        int from = slice * s.linesPerRequest();
                        List<String> lines = s.lines().subList(from, Math.min(s.lines().size(), from + s.linesPerRequest()));
                        long t0 = System.nanoTime();
                        Answer a;
                        long wait = 0;
                        try {
                            HttpResponse<byte[]> r = http.send(request(s, "ov-" + run + "-" + slice, lines),
                                    HttpResponse.BodyHandlers.ofByteArray());
                            long nanos = System.nanoTime() - t0;
                            var retryAfter = r.headers().firstValueAsLong("Retry-After");
                            if (r.statusCode() == 200) {
                                JsonNode body = JSON.readTree(r.body());
                                certificates.add(body.path("summary").path("issued").asLong());
                                retryLines.add(body.path("summary").path("retry").asLong());
                                a = new Answer(nanos, Kind.ACCEPTED, null);
                                slice = -1;
                            } else if (r.statusCode() == 503 && retryAfter.isPresent()) {
                                a = new Answer(nanos, Kind.SHED, null);
                                wait = s.waitRetryAfter() ? retryAfter.getAsLong() * 1000 : 0;
                            } else {
                                if (r.statusCode() == 503) {
                                    shedWithoutRetryAfter.incrementAndGet();
                                }
                                a = new Answer(nanos, Kind.OTHER, "HTTP " + r.statusCode());
                                slice = -1;
                            }
                        } catch (IOException e) {
                            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                            a = new Answer(System.nanoTime() - t0, Kind.OTHER, "io: " + why.substring(0, Math.min(60, why.length())));
                            wait = 1000; // the same chunk again: it may have been issued, and the retry replays it
                        }
                        answers.add(a);
                        long left = (deadline - System.nanoTime()) / 1_000_000;
                        if (wait > 0 && left > 0) {
                            Thread.sleep(Math.min(wait, left));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            quarters.shutdown();
            quarters.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] heap = sampler == null ? new long[] {-1, -1} : sampler.stop();
        long rss = s.signerPid() > 0 ? statusKib(s.signerPid(), "VmHWM") : -1;
        Map<Kind, List<Long>> byKind = new java.util.EnumMap<>(Kind.class);
        Map<String, Integer> others = new TreeMap<>();
        for (Kind k : Kind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        synchronized (answers) {
            for (Answer a : answers) {
                byKind.get(a.kind()).add(a.nanos());
                if (a.detail() != null) {
                    others.merge(a.detail(), 1, Integer::sum);
                }
            }
        }
        byKind.values().forEach(Collections::sort);
        return new Report(s.clients(), s.stations().size(), s.duration(), seconds, byKind.get(Kind.ACCEPTED),
                byKind.get(Kind.SHED), byKind.get(Kind.OTHER), others, certificates.sum(), retryLines.sum(),
                shedWithoutRetryAfter.get() > 0, exhausted.get() > 0, rss, heap[0], heap[1], List.copyOf(rssQuarters));
    }

    private static HttpRequest request(Settings s, String batchId, List<String> lines) {
        StringBuilder body = new StringBuilder(lines.size() * 700);
        for (String l : lines) {
            body.append(l).append('\n');
        }
        body.append("\n".repeat(s.padBytes()));
        return HttpRequest.newBuilder(s.url().resolve("/v1/batches?batch_id=" + batchId + "&policy=" + s.policy()))
                .timeout(Duration.ofMinutes(5)).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
    }

    /** A field of /proc/PID/status in KiB (e.g. VmHWM), -1 if unreadable. */
    static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** {@code jstat -gc PID 250} in the background: the highest heap use seen, and the heap committed then. */
    private static final class Sampler {
        private final Process jstat;
        private final Thread reader;
        private volatile long peakUsed = -1;
        private volatile long committedAtPeak = -1;

        private Sampler(Process jstat) {
            this.jstat = jstat;
            this.reader = new Thread(this::read, "overload-jstat");
            reader.setDaemon(true);
            reader.start();
        }

        static Sampler start(long pid) {
            try {
                return new Sampler(new ProcessBuilder("jstat", "-gc", Long.toString(pid), "250")
                        .redirectError(ProcessBuilder.Redirect.DISCARD).start());
            } catch (IOException e) {
                return null; // no jstat: the heap is reported as n/a
            }
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(jstat.getInputStream(), StandardCharsets.UTF_8))) {
                List<String> names = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    List<String> cells = Arrays.asList(line.strip().split("\\s+"));
                    if (cells.contains("EU")) {
                        names = cells;
                        continue;
                    }
                    if (names == null || cells.size() != names.size()) {
                        continue;
                    }
                    try {
                        double used = 0;
                        double committed = 0;
                        for (String n : List.of("S0U", "S1U", "EU", "OU")) {
                            used += Double.parseDouble(cells.get(names.indexOf(n)));
                        }
                        for (String n : List.of("S0C", "S1C", "EC", "OC")) {
                            committed += Double.parseDouble(cells.get(names.indexOf(n)));
                        }
                        if (used > peakUsed) {
                            peakUsed = (long) used;
                            committedAtPeak = (long) committed;
                        }
                    } catch (NumberFormatException | IndexOutOfBoundsException e) {
                        // a line jstat printed that is no sample
                    }
                }
            } catch (IOException e) {
                // jstat ended
            }
        }

        long[] stop() throws InterruptedException {
            jstat.destroy();
            reader.join(5000);
            return new long[] {peakUsed, committedAtPeak};
        }
    }

    public static void main(String[] args) throws Exception {
        Map<String, List<String>> opts = new ConcurrentHashMap<>();
        boolean noWait = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--no-wait")) {
                noWait = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                opts.computeIfAbsent(args[i].substring(2), k -> new ArrayList<>()).add(args[++i]);
            } else {
                System.err.println("OverloadLoad: unexpected argument '" + args[i] + "'");
                System.exit(2);
            }
        }
        for (String required : List.of("url", "trust", "policy", "lines", "password", "station")) {
            if (!opts.containsKey(required)) {
                System.err.println("usage: OverloadLoad --url URL --trust ROOT.pem --policy ID --lines BATCH.jsonl --password file:PATH"
                        + " --station P12 [--station P12 ...] [--clients 48] [--seconds 30] [--chunk 500] [--no-wait] [--signer-pid PID]");
                System.exit(2);
            }
        }
        List<X509CertificateHolder> trust = Pem.certificates(Path.of(opts.get("trust").get(0)));
        char[] password = new PinSource(opts.get("password").get(0)).read(Path.of("."));
        List<SSLContext> stations = new ArrayList<>();
        for (String p12 : opts.get("station")) {
            stations.add(StationTls.context(Path.of(p12), password, trust));
        }
        Arrays.fill(password, '\0');
        List<String> lines = Files.readAllLines(Path.of(opts.get("lines").get(0))).stream().filter(l -> !l.isBlank()).toList();
        int chunk = Integer.parseInt(one(opts, "chunk", "500"));
        Settings s = new Settings(URI.create(opts.get("url").get(0)), stations, opts.get("policy").get(0), lines,
                Integer.parseInt(one(opts, "clients", "48")), Duration.ofSeconds(Long.parseLong(one(opts, "seconds", "30"))),
                chunk, !noWait, Long.parseLong(one(opts, "signer-pid", "0")), 0);
        Report r = run(s);
        r.print(System.out, chunk, !noWait);
        System.exit(r.exhausted() ? 3 : 0);
    }

    private static String one(Map<String, List<String>> opts, String name, String fallback) {
        return opts.getOrDefault(name, List.of(fallback)).get(0);
    }
}
