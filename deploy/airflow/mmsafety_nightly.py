"""Airflow DAG: the mmsafety nightly evaluation (example; copy into the Airflow dags folder).

One run per night, never two at once (max_active_runs=1). The task is the same command as the crontab: it
submits the job jar with deploy/spark-submit.sh. Re-running a night (clear the task in the UI) replaces only
that night's partitions. S3 credentials come from the worker's environment or an Airflow connection exported as
AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; never template them into the command.
"""

from datetime import datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

MMSAFETY_HOME = "/opt/mmsafety"
RUN_CONFIG = "/etc/mmsafety/run-nightly.yaml"
SPARK_MASTER = "spark://spark-master:7077"

with DAG(
    dag_id="mmsafety_nightly",
    description="Safety evaluation of multimodal models: ingest, attack, infer, judge, metrics, report",
    schedule="30 1 * * *",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 1, "retry_delay": timedelta(minutes=30)},
    tags=["mmsafety"],
) as dag:
    nightly = BashOperator(
        task_id="nightly",
        cwd=MMSAFETY_HOME,
        bash_command=(
            "deploy/spark-submit.sh --target standalone --master " + SPARK_MASTER
            + " -- nightly --config " + RUN_CONFIG
        ),
        execution_timeout=timedelta(hours=10),
    )
