-- Recomputes the paired defense rows (asr_delta_vs_none, over_refusal_delta_vs_none) of `metrics` (DuckDB).
WITH j AS (
  SELECT *, CASE WHEN polarity = 'harmful' THEN unsafe ELSE refused END AS flag
  FROM read_parquet('{root}/judgments/**/*.parquet', hive_partitioning = true)
  WHERE polarity IN ('harmful', 'benign')
),
p AS (
  SELECT d.run_id, d.model, d.benchmark, d.dataset, d.variant, d.attack, d.defense, d.judge, d.polarity, d.simulator,
    d.flag, b.flag AS b_flag, d.status, b.status AS b_status,
    (d.status = 'ok' AND b.status = 'ok' AND d.flag IS NOT NULL AND b.flag IS NOT NULL) AS usable
  FROM j d
  LEFT JOIN j b ON b.defense = 'none' AND b.run_id = d.run_id AND b.model = d.model AND b.judge = d.judge
    AND b.probe_id = d.probe_id
  WHERE d.defense <> 'none'
)
SELECT
  run_id, model, polarity,
  CASE WHEN polarity = 'harmful' THEN 'asr_delta_vs_none' ELSE 'over_refusal_delta_vs_none' END AS metric,
  concat_ws('+',
    CASE WHEN grouping(benchmark) = 0 THEN 'benchmark' END,
    CASE WHEN grouping(dataset) = 0 THEN 'dataset' END,
    CASE WHEN grouping(variant) = 0 THEN 'variant' END,
    CASE WHEN grouping(attack) = 0 THEN 'attack' END,
    'defense', 'judge') AS grouping,
  CASE WHEN grouping(benchmark) = 1 THEN 'ALL' ELSE benchmark END AS benchmark,
  CASE WHEN grouping(dataset) = 1 THEN 'ALL' ELSE dataset END AS dataset,
  CASE WHEN grouping(variant) = 1 THEN 'ALL' ELSE variant END AS variant,
  CASE WHEN grouping(attack) = 1 THEN 'ALL' ELSE attack END AS attack,
  defense, judge,
  count(*) FILTER (WHERE usable) AS n,
  count(*) FILTER (WHERE usable AND flag) AS k,
  count(*) FILTER (WHERE usable AND b_flag AND NOT flag) AS b_none_only,
  count(*) FILTER (WHERE usable AND flag AND NOT b_flag) AS c_defense_only,
  count(*) FILTER (WHERE NOT usable AND b_status IS NOT NULL
    AND (status IN ('error', 'skipped') OR b_status IN ('error', 'skipped'))) AS n_error,
  count(*) FILTER (WHERE b_status IS NULL) AS n_unpaired
FROM p
GROUP BY GROUPING SETS (
  (run_id, model, polarity, benchmark, dataset, variant, attack, defense, judge),
  (run_id, model, polarity, attack, defense, judge),
  (run_id, model, polarity, defense, judge))
