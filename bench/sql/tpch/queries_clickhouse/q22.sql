-- TPC-H Q22 for ClickHouse 18.16: NOT EXISTS (correlated on the customer) as NOT IN.
SELECT
    cntrycode,
    count(*) AS numcust,
    sum(c_acctbal) AS totacctbal
FROM
(
    SELECT
        substring(c_phone, 1, 2) AS cntrycode,
        c_acctbal
    FROM customer
    WHERE substring(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17')
        AND c_acctbal >
        (
            SELECT avg(c_acctbal)
            FROM customer
            WHERE c_acctbal > 0.00
                AND substring(c_phone, 1, 2) IN ('13', '31', '23', '29', '30', '18', '17')
        )
        AND c_custkey NOT IN (SELECT o_custkey FROM orders)
)
GROUP BY cntrycode
ORDER BY cntrycode;
