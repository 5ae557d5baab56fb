-- wifi-reach: people who used the public Wi-Fi each month.
-- value = n = sum of the unique users each region reports for the month
-- sessions  = sum of the sessions reported
-- Grouping sets: month × region, month.
WITH reach AS (
  SELECT
    month AS period,
    COALESCE(region, '_U') AS region,
    CAST(COALESCE(unique_users, 0) AS BIGINT) AS unique_users,
    CAST(sessions AS BIGINT) AS sessions
  FROM wifi_reach
)
SELECT
  period,
  COALESCE(region, '_T') AS region,
  SUM(unique_users) AS value,
  SUM(unique_users) AS n,
  SUM(sessions) AS sessions
FROM reach
GROUP BY GROUPING SETS (
  (period, region),
  (period)
)
ORDER BY ALL;
