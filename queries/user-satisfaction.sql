-- user-satisfaction: GDS user satisfaction score of the city's services, from citizens' ratings.
-- value     = (mean rating − 1) / 4, a score from 0 (every rating 1) to 1 (every rating 5)
-- n         = ratings in the cell
-- share_4_5 = percentage (0–100) of ratings that are 4 or 5
-- rating_k  = number of ratings equal to k (k = 1…5)
-- Grouping sets: month × service, month × channel, month × region, month.
WITH ratings AS (
  -- One row per rating; unknown dimension values become '_U' before grouping.
  SELECT
    month AS period,
    COALESCE(service_id, '_U') AS service_id,
    COALESCE(channel, '_U') AS channel,
    COALESCE(region, '_U') AS region,
    CAST(rating AS INTEGER) AS rating
  FROM feedback
  WHERE rating BETWEEN 1 AND 5
)
SELECT
  period,
  -- NULL here only means "outside this grouping set": a total.
  COALESCE(service_id, '_T') AS service_id,
  COALESCE(channel, '_T') AS channel,
  COALESCE(region, '_T') AS region,
  (AVG(rating) - 1) / 4 AS value,
  COUNT(*) AS n,
  100.0 * COUNT(*) FILTER (WHERE rating >= 4) / COUNT(*) AS share_4_5,
  COUNT(*) FILTER (WHERE rating = 1) AS rating_1,
  COUNT(*) FILTER (WHERE rating = 2) AS rating_2,
  COUNT(*) FILTER (WHERE rating = 3) AS rating_3,
  COUNT(*) FILTER (WHERE rating = 4) AS rating_4,
  COUNT(*) FILTER (WHERE rating = 5) AS rating_5
FROM ratings
GROUP BY GROUPING SETS (
  (period, service_id),
  (period, channel),
  (period, region),
  (period)
)
ORDER BY ALL;
