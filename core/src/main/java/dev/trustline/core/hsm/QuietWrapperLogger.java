package dev.trustline.core.hsm;

import org.xipki.pkcs11.wrapper.Logger;

/** Silences ipkcs11wrapper's own [INFO] lines (licence banner, call traces) on the console. */
final class QuietWrapperLogger implements Logger {
    @Override public void info(String format, Object... args) { }
    @Override public void warn(String format, Object... args) { }
    @Override public void error(String format, Object... args) { }
    @Override public void debug(String format, Object... args) { }
    @Override public void trace(String format, Object... args) { }
    @Override public boolean isDebugEnabled() { return false; }
    @Override public boolean isInfoEnabled() { return false; }
    @Override public boolean isWarnEnabled() { return false; }
    @Override public boolean isTraceEnabled() { return false; }
}
