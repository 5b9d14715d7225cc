-- TPC-H Q14 for ClickHouse 18.16: the join as JOIN ... ON, CASE as if(); over no rows the
-- answer is NULL as in SQL (ClickHouse's 0 / 0 would be nan).
SELECT
    if(count() = 0, NULL,
       100.00 * sum(if(p_type LIKE 'PROMO%', l_extendedprice * (1 - l_discount), 0))
           / sum(l_extendedprice * (1 - l_discount))) AS promo_revenue
FROM
(
    SELECT l_partkey, l_extendedprice, l_discount
    FROM lineitem
    WHERE l_shipdate >= toDate('1995-09-01')
        AND l_shipdate < toDate('1995-09-01') + INTERVAL 1 MONTH
)
ALL INNER JOIN (SELECT p_partkey, p_type FROM part) ON l_partkey = p_partkey;
