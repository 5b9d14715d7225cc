-- TPC-H Q15 for ClickHouse 18.16: no WITH queries, so revenue0 is written out twice. Its sum
-- is computed exactly, in integer units of 0.0001 (prices are in cents, discounts in
-- hundredths), as DECIMAL does: the query compares each supplier's sum with the largest one
-- for equality, which two Float64 sums added up in different orders could miss.
SELECT
    s_suppkey,
    s_name,
    s_address,
    s_phone,
    total_revenue_units / 10000 AS total_revenue
FROM (SELECT s_suppkey, s_name, s_address, s_phone FROM supplier)
ALL INNER JOIN
(
    SELECT
        l_suppkey AS supplier_no,
        sum(toInt64(round(l_extendedprice * 100)) * (100 - toInt64(round(l_discount * 100)))) AS total_revenue_units
    FROM lineitem
    WHERE l_shipdate >= toDate('1996-01-01')
        AND l_shipdate < toDate('1996-01-01') + INTERVAL 3 MONTH
    GROUP BY l_suppkey
) ON s_suppkey = supplier_no
WHERE total_revenue_units =
(
    SELECT max(total_revenue_units)
    FROM
    (
        SELECT
            sum(toInt64(round(l_extendedprice * 100)) * (100 - toInt64(round(l_discount * 100)))) AS total_revenue_units
        FROM lineitem
        WHERE l_shipdate >= toDate('1996-01-01')
            AND l_shipdate < toDate('1996-01-01') + INTERVAL 3 MONTH
        GROUP BY l_suppkey
    )
)
ORDER BY s_suppkey;
