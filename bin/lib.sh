# Shared by bin/* launchers: locate the project, set up the embedded SoftHSM2, build if needed.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# The project-local SoftHSM2 (never the system token directory) unless the caller chose another.
if [ -z "${SOFTHSM2_CONF:-}" ]; then
  SOFTHSM2_CONF="$("$root/softhsm/setup")" || exit 1
  export SOFTHSM2_CONF
fi

# Build the launchers' classpath when it is missing or older than the sources.
trustline_build() {
  local module="$1" stamp="$root/$1/target/lib/.built"
  if [ ! -f "$stamp" ] || [ -n "$(find "$root/core/src/main" "$root/$module/src/main" "$root/pom.xml" -newer "$stamp" -print -quit 2>/dev/null)" ]; then
    command -v mvn >/dev/null 2>&1 || { echo "error: Maven (mvn) is needed to build TrustLine" >&2; exit 1; }
    # a fresh lib folder: a jar the build no longer depends on (e.g. an old logging binding) must not linger
    rm -rf "$root/$module/target/lib"
    (cd "$root" && mvn -B -q -DskipTests -pl "$module" -am package) >&2 || { echo "error: build failed" >&2; exit 1; }
    touch "$stamp"
  fi
}

# JVM options for a command. bin/bench measured where the CPU went: the short-lived factory client spent
# most of its CPU in C2 compiler and G1 threads, so it compiles with C1 only and uses the serial collector.
# The signer compiles with C1 only too: its hot path is native crypto (libcrypto, SoftHSM2) and glue, and
# C2 compilations alone cost ~0.6 CPU-ms per certificate over the first ten thousand (warm: 1.39 -> 0.81
# CPU-ms per certificate, cold first 1,000: 4.6 -> 2.3, with no slower issuance threads).
# The signer's heap is capped (TRUSTLINE_SIGNER_HEAP, default 512m) so that its memory stays bounded: with the
# JVM's default cap (a quarter of RAM) the heap grew lazily under overload to 660-800 MiB RSS, while capped at
# 256m the same 48-client overload ran with no error at 309 MiB (bin/bench --overload, README).
trustline_jvm_opts() {
  case "${1:-}" in
    submit|simulate-batch) trustline_client_opts ;;
    serve) echo "-XX:TieredStopAtLevel=1 -Xmx${TRUSTLINE_SIGNER_HEAP:-512m}" ;;
  esac
}

source "$root/release/src/dist/bin/.client-java"

trustline_java() {
  local module="$1" main="$2"; shift 2
  trustline_build "$module"
  local opts=()
  if [ "${1:-}" = submit ]; then
    local jar cp; jar="$(ls "$root/$module"/target/trustline-"$module"-*.jar 2>/dev/null | grep -v -- '-tests\.jar$' | head -1 || true)"
    # the module's jar (mvn package makes it with the classes); without it, the classes folder and no archive
    if [ -n "$jar" ]; then cp="$jar:$root/$module/target/lib/*"; else cp="$root/$module/target/classes:$root/$module/target/lib/*"; export TRUSTLINE_CDS=off; fi
    trustline_client_run "${TRUSTLINE_CDS_DIR:-$root/.state/cds}" "$cp" "$main" "$@"
  fi
  # shellcheck disable=SC2207
  opts+=($(trustline_jvm_opts "${1:-}"))
  # Temurin 22+ warns about JNA/jline native access unless it is granted.
  if java --enable-native-access=ALL-UNNAMED -version >/dev/null 2>&1; then opts+=(--enable-native-access=ALL-UNNAMED); fi
  exec java "${opts[@]}" -cp "$root/$module/target/classes:$root/$module/target/lib/*" "$main" "$@"
}
