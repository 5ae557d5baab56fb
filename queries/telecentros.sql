-- telecentros: public internet spaces (telecentros) open at the end of each month.
-- value = n = telecentros of the current snapshot whose opened_on is on or before the month's
-- last day (a telecentro without opened_on counts from the snapshot month on).
-- Periods: the 24 months ending at the snapshot month (`as_of`).
-- Grouping sets: month × region × host type, month × region, month × host type, month.
WITH snapshot AS (
  SELECT
    CAST(as_of || '-01' AS DATE) AS as_of_start,
    COALESCE(region, '_U') AS region,
    COALESCE(host_type, '_U') AS host_type,
    CAST(opened_on AS DATE) AS opened_on
  FROM telecentros
),
months AS (
  -- Month spine: 24 months ending at the snapshot month, with each month's last day.
  SELECT
    strftime(m, '%Y-%m') AS period,
    CAST(m + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE) AS month_end
  FROM (SELECT max(as_of_start) AS last_month FROM snapshot) AS s,
    generate_series(s.last_month - INTERVAL 23 MONTH, s.last_month, INTERVAL 1 MONTH) AS g(m)
),
open_telecentros AS (
  SELECT months.period, snapshot.region, snapshot.host_type
  FROM months
  JOIN snapshot ON COALESCE(snapshot.opened_on, snapshot.as_of_start) <= months.month_end
)
SELECT
  period,
  COALESCE(region, '_T') AS region,
  COALESCE(host_type, '_T') AS host_type,
  COUNT(*) AS value,
  COUNT(*) AS n
FROM open_telecentros
GROUP BY GROUPING SETS (
  (period, region, host_type),
  (period, region),
  (period, host_type),
  (period)
)
ORDER BY ALL;
