-- wifi-vulnerable-share: share of active public Wi-Fi hotspots in economically vulnerable areas.
-- value      = 100 × active hotspots in vulnerable areas / active hotspots whose area type is
--              known (percent, 0–100)
-- n          = active hotspots whose area type is known
-- vulnerable = active hotspots in vulnerable areas
-- "Active in a month" as in wifi-hotspots: in the current snapshot, active_since on or before the
-- month's last day (no active_since: from the snapshot month on). Periods: the 24 months ending
-- at the snapshot month (`as_of`). Grouping sets: month × region, month.
WITH snapshot AS (
  SELECT
    CAST(as_of || '-01' AS DATE) AS as_of_start,
    COALESCE(region, '_U') AS region,
    CAST(vulnerable_area AS BOOLEAN) AS is_vulnerable,
    CAST(active_since AS DATE) AS active_since
  FROM wifi_hotspots
),
months AS (
  SELECT
    strftime(m, '%Y-%m') AS period,
    CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end
  FROM (SELECT max(as_of_start) AS last_month FROM snapshot) AS s,
    generate_series(s.last_month - INTERVAL 23 MONTH, s.last_month, INTERVAL 1 MONTH) AS g(m)
),
active AS (
  SELECT months.period, snapshot.region, snapshot.is_vulnerable
  FROM months
  JOIN snapshot ON COALESCE(snapshot.active_since, snapshot.as_of_start) <= months.month_end
  WHERE snapshot.is_vulnerable IS NOT NULL
)
SELECT
  period,
  COALESCE(region, '_T') AS region,
  100.0 * COUNT(*) FILTER (WHERE is_vulnerable) / COUNT(*) AS value,
  COUNT(*) AS n,
  COUNT(*) FILTER (WHERE is_vulnerable) AS vulnerable
FROM active
GROUP BY GROUPING SETS (
  (period, region),
  (period)
)
ORDER BY ALL;
