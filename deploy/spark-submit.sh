#!/usr/bin/env bash
# Submits the mmsafety job jar (the shaded "spark-submit" classifier of mmsafety-jobs) to a Spark cluster.
#
#   deploy/spark-submit.sh [--target local|standalone|yarn|k8s] [--master URL] [--jar JAR]
#                          [--properties FILE] [--dry-run] -- <EvalCli arguments>
#
# Examples:
#   deploy/spark-submit.sh --target local -- run --config deploy/examples/run-local.yaml
#   MMSAFETY_MASTER=spark://spark-master:7077 deploy/spark-submit.sh --target standalone -- \
#       nightly --config deploy/examples/run-nightly.yaml
#   deploy/spark-submit.sh --target yarn -- nightly --config /etc/mmsafety/run-nightly.yaml
#   deploy/spark-submit.sh --target k8s --master k8s://https://kube-api:6443 -- \
#       nightly --config /etc/mmsafety/run.yaml        # path inside the job image / mounted ConfigMap
#
# The jar holds mmsafety, picocli and Jackson YAML only. Spark, Hadoop, hadoop-aws and the AWS SDK come from the
# cluster (see deploy/docker/Dockerfile and docs/deploy.md). Credentials come from the environment or the
# cluster's identity (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, instance profile, pod identity): never pass them
# with --conf, they would show in process lists, logs and the event log.
set -euo pipefail

MAIN_CLASS="dev.mmsafety.jobs.cli.EvalCli"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"

target="local"
master="${MMSAFETY_MASTER:-}"
jar="${MMSAFETY_JAR:-}"
properties=""
dry_run=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --target) target="$2"; shift 2 ;;
    --master) master="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --properties) properties="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "Cannot submit: unknown option $1 (app arguments go after --)" >&2; exit 2 ;;
  esac
done
if [[ $# -eq 0 ]]; then
  echo "Cannot submit: no EvalCli arguments after -- (e.g. -- run --config FILE)" >&2
  exit 2
fi

case "$target" in
  local|standalone|yarn|k8s) ;;
  *) echo "Cannot submit: unknown target '$target' (local, standalone, yarn or k8s)" >&2; exit 2 ;;
esac

if [[ -z "$jar" ]]; then
  if [[ "$target" == "k8s" ]]; then
    jar="local:///opt/mmsafety/mmsafety-jobs.jar"   # inside the job image
  else
    jar="$(ls "$ROOT"/jobs/target/mmsafety-jobs-*-spark-submit.jar 2>/dev/null | head -n 1 || true)"
    if [[ -z "$jar" ]]; then
      echo "Cannot submit: no jobs/target/mmsafety-jobs-*-spark-submit.jar: build it with 'mvn -pl jobs -am package -DskipTests'" >&2
      exit 2
    fi
  fi
fi

args=(--class "$MAIN_CLASS" --name "mmsafety-$1")
case "$target" in
  local)
    args+=(--master "${master:-local[*]}" --deploy-mode client)
    properties="${properties:-$HERE/examples/spark-local.conf}" ;;
  standalone)
    if [[ -z "$master" ]]; then
      echo "Cannot submit to standalone: set --master spark://host:7077 or MMSAFETY_MASTER" >&2; exit 2
    fi
    args+=(--master "$master" --deploy-mode client)
    properties="${properties:-$HERE/examples/spark-standalone.conf}" ;;
  yarn)
    args+=(--master yarn --deploy-mode cluster)
    properties="${properties:-$HERE/examples/spark-yarn.conf}"
    # In cluster mode the driver runs on a YARN node: ship the run config and point the app at its file name.
    app=("$@"); set --
    for ((i = 0; i < ${#app[@]}; i++)); do
      if [[ "${app[$i]}" == "--config" && $((i + 1)) -lt ${#app[@]} ]]; then
        args+=(--files "${app[$((i + 1))]}")
        set -- "$@" --config "$(basename "${app[$((i + 1))]}")"
        i=$((i + 1))
      else
        set -- "$@" "${app[$i]}"
      fi
    done ;;
  k8s)
    if [[ -z "$master" ]]; then
      echo "Cannot submit to Kubernetes: set --master k8s://https://host:port or MMSAFETY_MASTER" >&2; exit 2
    fi
    args+=(--master "$master" --deploy-mode cluster)
    properties="${properties:-$HERE/examples/spark-k8s.conf}" ;;
esac
args+=(--properties-file "$properties")

submit="${SPARK_HOME:+$SPARK_HOME/bin/}spark-submit"
if [[ $dry_run -eq 1 ]]; then
  printf '%q ' "$submit" "${args[@]}" "$jar" "$@"; echo
  exit 0
fi
# Typographic attacks hint glyphs as Pillow does only under FreeType's v40 interpreter (docs/attacks.md).
export FREETYPE_PROPERTIES="${FREETYPE_PROPERTIES:-truetype:interpreter-version=40}"
exec "$submit" "${args[@]}" "$jar" "$@"
