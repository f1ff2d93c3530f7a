# Source this file (sh or bash): exports JAVA_HOME pointing at a JDK >= 25 (the build targets Lambda's java25
# runtime; the default `java` may be older). ./mvnw sources it too, so the wrapper finds such a JDK by itself.
# Keeps a JAVA_HOME that is already >= 25; otherwise looks at `java` on PATH and the usual install folders.
# The JDK's release file names its version without starting a JVM (about 0.1 s each time); java itself otherwise.
_ccs_java_major() {
  if [ -f "$1/release" ] && grep -q '^JAVA_VERSION=' "$1/release"; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([0-9]*\).*/\1/p' "$1/release"
  else
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
  fi
}
_ccs_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" \
      "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")" 2>/dev/null)" \
      /usr/lib/jvm/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    local major; major=$(_ccs_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}
if _ccs_jdk=$(_ccs_find_jdk); then
  export JAVA_HOME="$_ccs_jdk"
  export PATH="$JAVA_HOME/bin:$PATH"
  echo "Using JDK $(_ccs_java_major "$JAVA_HOME") at $JAVA_HOME" >&2
else
  echo "No JDK 25 or newer found (looked at JAVA_HOME, javac on PATH, /usr/lib/jvm, /opt). Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  unset _ccs_jdk
  return 1
fi
unset _ccs_jdk
