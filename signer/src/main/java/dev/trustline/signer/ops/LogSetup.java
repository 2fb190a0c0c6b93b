package dev.trustline.signer.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import dev.trustline.signer.config.SignerConfig.LogFormat;
import java.io.OutputStream;
import java.io.PrintStream;
import org.slf4j.LoggerFactory;

/**
 * The signer's log: one line per event on standard error, as text ({@link #PATTERN}: time, level,
 * logger, request id, message, key=value pairs) or as JSON lines ({@code --log-format json}).
 */
public final class LogSetup {
    public static final String PATTERN =
            "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger{0} [%X{request_id:--}] %msg %kvp%n";

    private LogSetup() {
    }

    /** Replaces the current logging set-up: {@code format} lines to standard error. */
    public static void configure(LogFormat format) {
        configure(format, new NonClosing(System.err));
    }

    /** Replaces the current logging set-up: {@code format} lines to {@code out}. */
    public static void configure(LogFormat format, OutputStream out) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(ctx);
        appender.setName(format.name().toLowerCase(java.util.Locale.ROOT));
        appender.setEncoder(encoder(format, ctx));
        appender.setOutputStream(out);
        appender.setImmediateFlush(true);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        ctx.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        ctx.getLogger("com.zaxxer.hikari").setLevel(Level.WARN);
    }

    private static Encoder<ILoggingEvent> encoder(LogFormat format, LoggerContext ctx) {
        if (format == LogFormat.JSON) {
            JsonEncoder json = new JsonEncoder();
            json.setContext(ctx);
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMessage(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.start();
            return json;
        }
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern(PATTERN);
        text.start();
        return text;
    }

    /** Standard error must stay open when the appender stops. */
    private static final class NonClosing extends PrintStream {
        NonClosing(PrintStream target) {
            super(target, true);
        }

        @Override
        public void close() {
            flush();
        }
    }
}
