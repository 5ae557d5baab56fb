-- wifi-hotspots: public Wi-Fi hotspots active at the end of each month.
-- value = n = hotspots of the current snapshot whose active_since is on or before the month's
-- last day (a hotspot without active_since counts from the snapshot month on).
-- Periods: the 24 months ending at the snapshot month (`as_of`).
-- Grouping sets: month × region × vulnerable area, month × region, month × vulnerable area, month.
WITH snapshot AS (
  SELECT
    CAST(as_of || '-01' AS DATE) AS as_of_start,
    COALESCE(region, '_U') AS region,
    CASE CAST(vulnerable_area AS BOOLEAN) WHEN true THEN 'true' WHEN false THEN 'false' ELSE '_U' END
      AS vulnerable_area,
    CAST(active_since AS DATE) AS active_since
  FROM wifi_hotspots
),
months AS (
  -- Month spine: 24 months ending at the snapshot month, with each month's last day.
  SELECT
    strftime(m, '%Y-%m') AS period,
    CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end
  FROM (SELECT max(as_of_start) AS last_month FROM snapshot) AS s,
    generate_series(s.last_month - INTERVAL 23 MONTH, s.last_month, INTERVAL 1 MONTH) AS g(m)
),
active AS (
  SELECT months.period, snapshot.region, snapshot.vulnerable_area
  FROM months
  JOIN snapshot ON COALESCE(snapshot.active_since, snapshot.as_of_start) <= months.month_end
)
SELECT
  period,
  COALESCE(region, '_T') AS region,
  COALESCE(vulnerable_area, '_T') AS vulnerable_area,
  COUNT(*) AS value,
  COUNT(*) AS n
FROM active
GROUP BY GROUPING SETS (
  (period, region, vulnerable_area),
  (period, region),
  (period, vulnerable_area),
  (period)
)
ORDER BY ALL;
