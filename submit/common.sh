# Shared by the launchers in submit/: find (or build) the application jar, then run one
# subcommand of org.snnspark.pipeline.cli.SnnSpark either through $SPARK_HOME/bin/spark-submit
# or, with no SPARK_HOME, in Spark local mode on a plain JVM from the built classpath
# (SNN_EXTRA_CLASSPATH adds jars there, e.g. hadoop-aws for s3a://). A launcher may list jars in
# ADDED_JARS (submit/bench: the bench module's); they join the application jar in both modes.
set -euo pipefail

SNN_SPARK_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export SNN_SPARK_HOME
APP_JAR="$SNN_SPARK_HOME/pipeline/target/snn-spark.jar"
PROVIDED_CP="$SNN_SPARK_HOME/pipeline/target/provided-classpath.txt"
MAIN_CLASS=org.snnspark.pipeline.cli.SnnSpark
ADDED_JARS=()
JAVA17_FLAGS="--add-modules=jdk.incubator.vector --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED"
LOG_OPTS="-Dlog4j2.configurationFile=file:$SNN_SPARK_HOME/conf/log4j2.properties"
# Native worker threads sleep instead of spinning between operations, so they leave the cores to
# the layers' Java loops (why: NativeThreading.java; executors get the same through Spark's
# spark.executorEnv.*). Values set by the user are kept.
export OPENBLAS_THREAD_TIMEOUT="${OPENBLAS_THREAD_TIMEOUT:-4}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

snn_build_if_needed() {
  local f
  for f in "$APP_JAR" "$PROVIDED_CP" "${ADDED_JARS[@]}"; do
    if [[ ! -f "$f" ]]; then
      echo "building snn-spark (first run; Maven downloads dependencies once) ..." >&2
      (cd "$SNN_SPARK_HOME" && mvn -B -q -ntp -DskipTests package) >&2
      return
    fi
  done
}

# snn_run SUBCOMMAND [ARGS...]
snn_run() {
  snn_build_if_needed
  if [[ -n "${SPARK_HOME:-}" ]]; then
    # --master is an option of our CLI; spark-submit must see it too to start the right driver.
    local master=()
    local args=("$@")
    for ((i = 0; i < ${#args[@]}; i++)); do
      case "${args[$i]}" in
        --master) master=(--master "${args[$((i + 1))]}") ;;
        --master=*) master=(--master "${args[$i]#--master=}") ;;
      esac
    done
    # executors need the added jars too (the bench's Spark tasks run its classes); a --jars in
    # SNN_SPARK_SUBMIT_ARGS would replace this one, so add jars there with --packages
    local jars=()
    if ((${#ADDED_JARS[@]})); then
      jars=(--jars "$(IFS=,; echo "${ADDED_JARS[*]}")")
    fi
    # shellcheck disable=SC2086
    exec "$SPARK_HOME/bin/spark-submit" --class "$MAIN_CLASS" "${master[@]}" "${jars[@]}" \
      --driver-java-options "$JAVA17_FLAGS $LOG_OPTS" \
      --conf "spark.executor.extraJavaOptions=$JAVA17_FLAGS" \
      ${SNN_SPARK_SUBMIT_ARGS:-} "$APP_JAR" "$@"
  else
    local cp="$APP_JAR" jar
    for jar in "${ADDED_JARS[@]}"; do
      cp+=":$jar"
    done
    # shellcheck disable=SC2086
    exec java $JAVA17_FLAGS $LOG_OPTS -Xmx"${SNN_DRIVER_MEMORY:-6g}" ${SNN_JAVA_OPTS:-} \
      -cp "$cp:$(cat "$PROVIDED_CP")${SNN_EXTRA_CLASSPATH:+:$SNN_EXTRA_CLASSPATH}" "$MAIN_CLASS" "$@"
  fi
}
