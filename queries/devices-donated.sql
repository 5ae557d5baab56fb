-- devices-donated: computers, notebooks and tablets donated to households each month.
-- value = n = devices donated (sum of quantity)
-- Grouping sets: month × device type × region, month × device type, month × region, month.
WITH donations AS (
  SELECT
    month AS period,
    COALESCE(device_type, '_U') AS device_type,
    COALESCE(region, '_U') AS region,
    CAST(quantity AS BIGINT) AS quantity
  FROM device_donations
  WHERE quantity > 0
)
SELECT
  period,
  COALESCE(device_type, '_T') AS device_type,
  COALESCE(region, '_T') AS region,
  SUM(quantity) AS value,
  SUM(quantity) AS n
FROM donations
GROUP BY GROUPING SETS (
  (period, device_type, region),
  (period, device_type),
  (period, region),
  (period)
)
ORDER BY ALL;
