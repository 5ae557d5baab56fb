-- feedback-volume: how many ratings citizens sent each month.
-- value = n = ratings in the cell
-- Grouping sets: month × channel × region, month × channel, month × region, month.
WITH ratings AS (
  SELECT
    month AS period,
    COALESCE(channel, '_U') AS channel,
    COALESCE(region, '_U') AS region
  FROM feedback
)
SELECT
  period,
  COALESCE(channel, '_T') AS channel,
  COALESCE(region, '_T') AS region,
  COUNT(*) AS value,
  COUNT(*) AS n
FROM ratings
GROUP BY GROUPING SETS (
  (period, channel, region),
  (period, channel),
  (period, region),
  (period)
)
ORDER BY ALL;
