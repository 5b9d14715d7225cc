-- ClickBench `hits`, reduced to the 26 columns that bench/sql/hits/generate.mjs writes, in the
-- order it writes them (the CSV header names them too). Names and types are ClickBench's
-- postgresql/create.sql: unquoted mixed-case identifiers, which PostgreSQL (and BoyoDB and
-- DuckDB) fold to lower case, so WatchID is the column watchid and queries may spell it
-- either way. ClickBench's PRIMARY KEY (CounterID, EventDate, UserID, EventTime, WatchID) is
-- left out so that every system loads into a plain table.
CREATE TABLE hits
(
    WatchID BIGINT NOT NULL,
    Title TEXT NOT NULL,
    EventTime TIMESTAMP NOT NULL,
    EventDate Date NOT NULL,
    CounterID INTEGER NOT NULL,
    ClientIP INTEGER NOT NULL,
    RegionID INTEGER NOT NULL,
    UserID BIGINT NOT NULL,
    URL TEXT NOT NULL,
    Referer TEXT NOT NULL,
    IsRefresh SMALLINT NOT NULL,
    ResolutionWidth SMALLINT NOT NULL,
    ResolutionHeight SMALLINT NOT NULL,
    MobilePhone SMALLINT NOT NULL,
    MobilePhoneModel TEXT NOT NULL,
    TraficSourceID SMALLINT NOT NULL,
    SearchEngineID SMALLINT NOT NULL,
    SearchPhrase TEXT NOT NULL,
    AdvEngineID SMALLINT NOT NULL,
    WindowClientWidth SMALLINT NOT NULL,
    WindowClientHeight SMALLINT NOT NULL,
    IsLink SMALLINT NOT NULL,
    IsDownload SMALLINT NOT NULL,
    DontCountHits SMALLINT NOT NULL,
    RefererHash BIGINT NOT NULL,
    URLHash BIGINT NOT NULL
);
