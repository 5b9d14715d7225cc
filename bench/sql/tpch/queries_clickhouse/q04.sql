-- TPC-H Q4 for ClickHouse 18.16: EXISTS (correlated on the order key) as IN.
SELECT
    o_orderpriority,
    count(*) AS order_count
FROM orders
WHERE o_orderdate >= toDate('1993-07-01')
    AND o_orderdate < toDate('1993-07-01') + INTERVAL 3 MONTH
    AND o_orderkey IN (SELECT l_orderkey FROM lineitem WHERE l_commitdate < l_receiptdate)
GROUP BY o_orderpriority
ORDER BY o_orderpriority;
