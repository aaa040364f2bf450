-- kol-attribution: a campaign's journeys as aggregated paths, for every lookback window at once.
--
-- Input tables, with the columns the calculator reads (rename in the three *_in CTEs below):
--   {{creators}}    kol_id, tier (may be empty), followers (used when tier is empty){{creators_codes_note}}
--   {{touchpoints}} journey_id, kol_id, timestamp (TIMESTAMP), touch_type{{sources_note}}{{notes_note}}
--   {{orders}}      order_id, journey_id, timestamp (TIMESTAMP), value, refunded_amount (may be empty){{orders_codes_note}}
-- Output: window_days, path, total_conversions, total_conversion_value, total_net_value, total_null
-- (one row per window and path, paths at the {{level}} level){{events_note}}, which the
-- calculator reads as it is.
--
-- The rules are the calculator's (README, "Journeys and lookback windows"): an order's touches are
-- those at or before it, after the same user's previous order (orders at the same instant share
-- touches) and no older than the window; the touches after a user's last order (all of them, for
-- a user who never bought) are one non-converting path, cut to the window before its last touch.
-- Touches at the same instant are ordered by creator id, then type, then (at the note level) note id,
-- none first. Orders without any touch in the window are left out (the calculator reports them as
-- unattributed).
--
-- Written once in portable SQL; the only dialect differences are the marked DIALECT lines
-- (epoch seconds, ordered string aggregation, the text type), filled in for {{dialect}}.

WITH
windows AS (
  {{windows}}
),
creators_in AS (
  SELECT kol_id, tier, followers, {{creator_code_column}} AS promo_code FROM {{creators}}
),
touches_in AS (
  SELECT journey_id, kol_id, {{note_column}} AS note_id,
    {{epoch:timestamp}} AS ts, touch_type, {{source_column}} AS source FROM {{touchpoints}}  -- DIALECT: epoch seconds
),
orders_in AS (
  SELECT order_id, journey_id, {{epoch:timestamp}} AS ts,  -- DIALECT: epoch seconds
         {{order_code_column}} AS promo_code,
         CAST(value AS DECIMAL(18, 2)) AS value,
         CAST(value - COALESCE(refunded_amount, 0) AS DECIMAL(18, 2)) AS net_value
  FROM {{orders}}
),
-- The calculator's default tiers and their spellings (matched ignoring case, spaces, '_' and '-'),
-- then followers when the tier cell is empty.
creator_tiers AS (
  SELECT kol_id,
    {{tier_case}} AS tier
  FROM (
    SELECT kol_id, followers,
      NULLIF(LOWER(REPLACE(REPLACE(REPLACE(TRIM(COALESCE(tier, '')), ' ', ''), '_', ''), '-', '')), '') AS tier_key
    FROM creators_in
  ) AS keyed
),
-- Touch types in English or Chinese, spelled as the calculator reads them; anything else is 'other'.
-- A touch with an empty kol_id is an ad's or search's when its source names one: the source is
-- then its channel (in the kol_id column, as the calculator lists it) and its group its tier.
sourced_touches AS (
  SELECT journey_id, ts, touch_type, note,
    CASE WHEN NULLIF(TRIM(COALESCE(kol_id, '')), '') IS NULL AND src IS NOT NULL THEN src ELSE kol_id END AS kol_id,
    CASE WHEN NULLIF(TRIM(COALESCE(kol_id, '')), '') IS NULL AND src IS NOT NULL THEN {{source_group_case}} END AS source_group
  FROM (
    SELECT journey_id, kol_id, ts, touch_type, note,
      {{source_case}} AS src
    FROM (
      SELECT journey_id, kol_id, ts, touch_type, source, NULLIF(TRIM(COALESCE(note_id, '')), '') AS note,
        LOWER(REPLACE(REPLACE(REPLACE(TRIM(COALESCE(source, '')), ' ', ''), '_', ''), '-', '')) AS source_key
      FROM touches_in
    ) AS keyed
  ) AS named
),
typed_touches AS (
  SELECT journey_id, kol_id, ts, source_group, note,
    {{touch_type_case}} AS kind
  FROM (
    SELECT journey_id, kol_id, ts, source_group, note,
      LOWER(REPLACE(REPLACE(REPLACE(TRIM(COALESCE(touch_type, '')), ' ', ''), '_', ''), '-', '')) AS type_key
    FROM sourced_touches
  ) AS keyed
),
-- Each distinct order time with the one before it: touches at or before the earlier time belong
-- to the earlier orders.
order_times AS (
  SELECT journey_id, ts, LAG(ts) OVER (PARTITION BY journey_id ORDER BY ts) AS previous_ts
  FROM (SELECT DISTINCT journey_id, ts FROM orders_in) AS distinct_times
),
-- Orders carrying a roster creator's promo code (compared without whitespace, in upper case) add
-- that creator's {{promo_kind}} touch at the order's time when the journey has no {{promo_kind}} or
-- {{qr_kind}} touch of theirs after the previous order and at or before this one; orders at one
-- instant share it (the calculator's promoCodeTouches: add). Without promo_code columns, none.
coded_orders AS (
  SELECT DISTINCT o.journey_id, o.ts, c.kol_id
  FROM (SELECT journey_id, ts, {{code_key:promo_code}} AS code_key FROM orders_in) AS o
  JOIN (SELECT kol_id, {{code_key:promo_code}} AS code_key FROM creators_in) AS c ON c.code_key = o.code_key
),
code_touches AS (
  SELECT co.journey_id, co.kol_id, co.ts
  FROM coded_orders AS co
  JOIN order_times AS ot ON ot.journey_id = co.journey_id AND ot.ts = co.ts
  LEFT JOIN typed_touches AS t
    ON t.journey_id = co.journey_id
   AND t.kol_id = co.kol_id
   AND t.kind IN ('{{promo_kind}}', '{{qr_kind}}')
   AND t.ts <= co.ts
   AND (ot.previous_ts IS NULL OR t.ts > ot.previous_ts)
  GROUP BY co.journey_id, co.kol_id, co.ts
  HAVING COUNT(t.ts) = 0
),
all_touches AS (
  SELECT journey_id, kol_id, ts, source_group, note, kind FROM typed_touches
  UNION ALL
  SELECT journey_id, kol_id, ts, CAST(NULL AS {{text}}), CAST(NULL AS {{text}}), '{{promo_kind}}' FROM code_touches  -- DIALECT: text type
),
touches AS (
  SELECT t.journey_id, t.kol_id, t.ts, t.kind,
    -- Same-instant touches of one creator go in the calculator's type order.
    {{kind_rank_case}} AS kind_rank,
    -- Then, at the note level, by note id, a touch naming none first.
    COALESCE(t.note, '') AS note_key,
    -- At the note level a touch naming no note is its creator's (or source's) own channel.
    CASE WHEN '{{level}}' = 'tier' THEN COALESCE(t.source_group, c.tier, 'unknown')
      WHEN '{{level}}' = 'note' THEN COALESCE(t.note, {{unnoted:t.kol_id}})
      ELSE t.kol_id
    END AS channel
  FROM all_touches AS t
  LEFT JOIN creator_tiers AS c ON c.kol_id = t.kol_id
),
converting AS (
  SELECT w.days, o.order_id, o.value, o.net_value,
    {{agg:t.channel}} AS path,  -- DIALECT: ordered string aggregation
    {{touch_types}} AS touch_types,
    {{touch_ages}} AS touch_ages
  FROM orders_in AS o
  JOIN order_times AS ot ON ot.journey_id = o.journey_id AND ot.ts = o.ts
  CROSS JOIN windows AS w
  JOIN touches AS t
    ON t.journey_id = o.journey_id
   AND t.ts <= o.ts
   AND (ot.previous_ts IS NULL OR t.ts > ot.previous_ts)
   AND t.ts >= o.ts - w.days * 86400
  GROUP BY w.days, o.order_id, o.journey_id, o.ts, o.value, o.net_value
),
last_orders AS (
  SELECT journey_id, MAX(ts) AS ts FROM orders_in GROUP BY journey_id
),
tail_touches AS (
  SELECT t.journey_id, t.kol_id, t.ts, t.kind_rank, t.note_key, t.channel,
    MAX(t.ts) OVER (PARTITION BY t.journey_id) AS last_ts
  FROM touches AS t
  LEFT JOIN last_orders AS l ON l.journey_id = t.journey_id
  WHERE l.ts IS NULL OR t.ts > l.ts
),
tails AS (
  SELECT w.days, {{agg:t.channel}} AS path  -- DIALECT: ordered string aggregation
  FROM tail_touches AS t
  CROSS JOIN windows AS w
  WHERE t.ts >= t.last_ts - w.days * 86400
  GROUP BY w.days, t.journey_id
),
rows_by_path AS (
  SELECT days, path, touch_types, touch_ages, 1 AS conversions, value, net_value, 0 AS nulls FROM converting
  UNION ALL
  SELECT days, path, CAST(NULL AS {{text}}), CAST(NULL AS {{text}}), 0, CAST(0 AS DECIMAL(18, 2)),  -- DIALECT: text type
    CAST(0 AS DECIMAL(18, 2)), 1
  FROM tails
)
SELECT
  days AS window_days,
  path,
  SUM(conversions) AS total_conversions,
  CAST(SUM(value) AS DECIMAL(18, 2)) AS total_conversion_value,
  CAST(SUM(net_value) AS DECIMAL(18, 2)) AS total_net_value,
  SUM(nulls) AS total_null{{event_columns}}
FROM rows_by_path
GROUP BY days, path, touch_types, touch_ages
ORDER BY window_days, path, COALESCE(touch_types, ''), COALESCE(touch_ages, '')
