-- digital-services-share: share of the city's public services that are fully digital.
-- value         = 100 × services with digital_level 'full' / all services (percent, 0–100)
-- n             = services in the catalogue
-- fully_digital = services with digital_level 'full'
-- Period: the month of the catalogue snapshot (`as_of`). Grouping sets: category, total.
WITH catalogue AS (
  SELECT
    as_of AS period,
    COALESCE(category, '_U') AS category,
    digital_level = 'full' AS is_full
  FROM services
)
SELECT
  period,
  COALESCE(category, '_T') AS category,
  100.0 * COUNT(*) FILTER (WHERE is_full) / COUNT(*) AS value,
  COUNT(*) AS n,
  COUNT(*) FILTER (WHERE is_full) AS fully_digital
FROM catalogue
GROUP BY GROUPING SETS (
  (period, category),
  (period)
)
ORDER BY ALL;
