-- digital-take-up: share of completed transactions done through digital channels (GDS take-up).
-- value   = 100 × completed through web or app / all completed (percent, 0–100)
-- n       = completed transactions (all channels)
-- digital = completed transactions through web or app
-- Grouping sets: month × service, month × category, month.
WITH catalogue AS (
  -- The current services snapshot gives each service its category.
  SELECT service_id, min(category) AS category
  FROM services
  GROUP BY service_id
),
completed_transactions AS (
  SELECT
    t.month AS period,
    COALESCE(t.service_id, '_U') AS service_id,
    COALESCE(c.category, '_U') AS category,
    COALESCE(t.channel IN ('web', 'app'), false) AS is_digital,
    CAST(t.completed AS BIGINT) AS completed
  FROM transactions AS t
  LEFT JOIN catalogue AS c ON c.service_id = t.service_id
  WHERE t.completed > 0
)
SELECT
  period,
  COALESCE(service_id, '_T') AS service_id,
  COALESCE(category, '_T') AS category,
  100.0 * COALESCE(SUM(completed) FILTER (WHERE is_digital), 0) / SUM(completed) AS value,
  SUM(completed) AS n,
  COALESCE(SUM(completed) FILTER (WHERE is_digital), 0) AS digital
FROM completed_transactions
GROUP BY GROUPING SETS (
  (period, service_id),
  (period, category),
  (period)
)
ORDER BY ALL;
