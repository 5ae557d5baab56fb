-- digital-skills-certified: participants certified in the city's digital-skills courses.
-- value = n = certifications in the month (sum of certified)
-- Grouping sets: month × track × gender, month × track, month × audience, month × gender,
-- month × age band, month.
WITH certifications AS (
  SELECT
    month AS period,
    COALESCE(track, '_U') AS track,
    COALESCE(audience, '_U') AS audience,
    COALESCE(gender, '_U') AS gender,
    COALESCE(age_band, '_U') AS age_band,
    CAST(certified AS BIGINT) AS certified
  FROM course_certifications
  WHERE certified > 0
)
SELECT
  period,
  COALESCE(track, '_T') AS track,
  COALESCE(audience, '_T') AS audience,
  COALESCE(gender, '_T') AS gender,
  COALESCE(age_band, '_T') AS age_band,
  SUM(certified) AS value,
  SUM(certified) AS n
FROM certifications
GROUP BY GROUPING SETS (
  (period, track, gender),
  (period, track),
  (period, audience),
  (period, gender),
  (period, age_band),
  (period)
)
ORDER BY ALL;
