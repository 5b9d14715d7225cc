-- The same 26 columns for ClickHouse (18.16 and later). ClickHouse names are case-sensitive, so
-- they are spelled exactly as in the CSV header and in queries_clickhouse.sql. The integer
-- types are the signed ones of schema.sql (the CSV holds negative ClientIP and WatchID values),
-- not ClickBench's UInt* ClickHouse types.
CREATE TABLE hits
(
    WatchID Int64,
    Title String,
    EventTime DateTime,
    EventDate Date,
    CounterID Int32,
    ClientIP Int32,
    RegionID Int32,
    UserID Int64,
    URL String,
    Referer String,
    IsRefresh Int16,
    ResolutionWidth Int16,
    ResolutionHeight Int16,
    MobilePhone Int16,
    MobilePhoneModel String,
    TraficSourceID Int16,
    SearchEngineID Int16,
    SearchPhrase String,
    AdvEngineID Int16,
    WindowClientWidth Int16,
    WindowClientHeight Int16,
    IsLink Int16,
    IsDownload Int16,
    DontCountHits Int16,
    RefererHash Int64,
    URLHash Int64
)
ENGINE = MergeTree()
PARTITION BY toYYYYMM(EventDate)
ORDER BY (CounterID, EventDate, UserID, EventTime, WatchID);
