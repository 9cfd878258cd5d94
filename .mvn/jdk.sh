# Sourced by mvnw and .ci/run: NiFi 2 needs Java 21+, while many machines default to an older java.
# Keeps JAVA_HOME when it already points at 21+, otherwise searches the usual JVM folders and
# exports the newest JDK it finds. Stops with a clear message when there is none.

nifi_dataflow_java_major() {
  # prints the feature version of the JDK at $1 (e.g. 17, 21, 25), or nothing
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

nifi_dataflow_find_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    v=$(nifi_dataflow_java_major "$JAVA_HOME")
    [ -n "$v" ] && [ "$v" -ge 21 ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(nifi_dataflow_java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best= best_v=0
  case $- in *f*) set +f; nifi_dataflow_noglob=1 ;; *) nifi_dataflow_noglob= ;; esac
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/*; do
    [ -d "$home" ] || continue
    v=$(nifi_dataflow_java_major "$home")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best=$home best_v=$v; fi
  done
  [ -z "$nifi_dataflow_noglob" ] || set -f
  if [ -z "$best" ]; then
    echo "nifi-dataflow needs a JDK 21 or newer (NiFi 2 runs on Java 21+)." >&2
    echo "None was found in JAVA_HOME, on the PATH or under /usr/lib/jvm. Install one, e.g." >&2
    echo "  apt-get install openjdk-21-jdk   or   https://adoptium.net, then set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$best
  export JAVA_HOME
}

nifi_dataflow_find_jdk || exit 1
