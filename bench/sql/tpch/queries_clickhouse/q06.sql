-- TPC-H Q6 for ClickHouse 18.16: `0.06 - 0.01` and `0.06 + 0.01` written as 0.05 and 0.07,
-- their exact DECIMAL values (in Float64 0.06 + 0.01 is 0.06999999999999999, which would
-- leave out the discounts of 0.07); sum over no rows is NULL as in SQL, not ClickHouse's 0.
SELECT
    if(count() = 0, NULL, sum(l_extendedprice * l_discount)) AS revenue
FROM lineitem
WHERE l_shipdate >= toDate('1994-01-01')
    AND l_shipdate < toDate('1994-01-01') + INTERVAL 1 YEAR
    AND l_discount BETWEEN 0.05 AND 0.07
    AND l_quantity < 24;
