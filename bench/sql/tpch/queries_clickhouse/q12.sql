-- TPC-H Q12 for ClickHouse 18.16: the join as JOIN ... ON, CASE as if().
SELECT
    l_shipmode,
    sum(if(o_orderpriority = '1-URGENT' OR o_orderpriority = '2-HIGH', 1, 0)) AS high_line_count,
    sum(if(o_orderpriority <> '1-URGENT' AND o_orderpriority <> '2-HIGH', 1, 0)) AS low_line_count
FROM
(
    SELECT l_orderkey, l_shipmode
    FROM lineitem
    WHERE l_shipmode IN ('MAIL', 'SHIP')
        AND l_commitdate < l_receiptdate
        AND l_shipdate < l_commitdate
        AND l_receiptdate >= toDate('1994-01-01')
        AND l_receiptdate < toDate('1994-01-01') + INTERVAL 1 YEAR
)
ALL INNER JOIN (SELECT o_orderkey, o_orderpriority FROM orders) ON l_orderkey = o_orderkey
GROUP BY l_shipmode
ORDER BY l_shipmode;
