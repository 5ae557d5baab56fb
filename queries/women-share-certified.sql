-- women-share-certified: women's share of certified participants, cumulative from the first
-- month of the data to each month.
-- value = 100 × certifications of women up to the month / all certifications up to the month
--         (percent, 0–100; gender 'female' over every gender value, 'not_informed' included)
-- n     = all certifications up to the month
-- women = certifications of women up to the month
-- Periods: every month from the first to the last month of the data (months without new
-- certifications carry the cumulative figures forward). Grouping sets: month × track, month.
WITH certifications AS (
  SELECT
    month AS period,
    COALESCE(track, '_U') AS track,
    COALESCE(gender = 'female', false) AS is_woman,
    CAST(certified AS BIGINT) AS certified
  FROM course_certifications
  WHERE certified > 0
),
months AS (
  SELECT strftime(m, '%Y-%m') AS period
  FROM (
    SELECT
      CAST(min(period) || '-01' AS DATE) AS first_month,
      CAST(max(period) || '-01' AS DATE) AS last_month
    FROM certifications
  ) AS bounds,
    generate_series(bounds.first_month, bounds.last_month, INTERVAL 1 MONTH) AS g(m)
),
cumulative AS (
  -- Each month sees every certification of that month and of the months before it.
  SELECT months.period, c.track, c.is_woman, c.certified
  FROM months
  JOIN certifications AS c ON c.period <= months.period
)
SELECT
  period,
  COALESCE(track, '_T') AS track,
  100.0 * COALESCE(SUM(certified) FILTER (WHERE is_woman), 0) / SUM(certified) AS value,
  SUM(certified) AS n,
  COALESCE(SUM(certified) FILTER (WHERE is_woman), 0) AS women
FROM cumulative
GROUP BY GROUPING SETS (
  (period, track),
  (period)
)
ORDER BY ALL;
