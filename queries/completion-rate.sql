-- completion-rate: share of ratings whose user reports the task done (GDS completion rate).
-- value = 100 × (completed + not_eligible) / ratings with an outcome (percent, 0–100)
-- n     = ratings with an outcome
-- completed, not_eligible, failed, gave_up = ratings per outcome
-- Grouping sets: month × service, month.
WITH outcomes AS (
  SELECT
    month AS period,
    COALESCE(service_id, '_U') AS service_id,
    outcome
  FROM feedback
  WHERE outcome IS NOT NULL
)
SELECT
  period,
  COALESCE(service_id, '_T') AS service_id,
  100.0 * COUNT(*) FILTER (WHERE outcome IN ('completed', 'not_eligible')) / COUNT(*) AS value,
  COUNT(*) AS n,
  COUNT(*) FILTER (WHERE outcome = 'completed') AS completed,
  COUNT(*) FILTER (WHERE outcome = 'not_eligible') AS not_eligible,
  COUNT(*) FILTER (WHERE outcome = 'failed') AS failed,
  COUNT(*) FILTER (WHERE outcome = 'gave_up') AS gave_up
FROM outcomes
GROUP BY GROUPING SETS (
  (period, service_id),
  (period)
)
ORDER BY ALL;
