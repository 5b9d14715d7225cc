# Every third-party library comes from a Debian package (ARCHITECTURE.md section 8).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(FlatBuffers REQUIRED)
find_package(absl REQUIRED)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)

pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LZ4 REQUIRED IMPORTED_TARGET liblz4)
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
pkg_check_modules(LIBEDIT REQUIRED IMPORTED_TARGET libedit)
pkg_check_modules(RE2 REQUIRED IMPORTED_TARGET re2)
pkg_check_modules(ARGON2 REQUIRED IMPORTED_TARGET libargon2)
find_library(ROARING_LIBRARY roaring REQUIRED)
add_library(boyo_roaring INTERFACE)
target_link_libraries(boyo_roaring INTERFACE ${ROARING_LIBRARY})
find_library(SNAPPY_LIBRARY snappy REQUIRED)
add_library(boyo_snappy INTERFACE)
target_link_libraries(boyo_snappy INTERFACE ${SNAPPY_LIBRARY})

find_program(FLATC_EXECUTABLE flatc REQUIRED)

# PostgreSQL's grammar (libpg-query-dev). Its protobuf-c tree needs libprotobuf-c-dev's headers;
# the protobuf-c runtime itself is inside libpg_query.
find_library(PG_QUERY_LIBRARY NAMES libpg_query.a pg_query REQUIRED)
find_path(PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
add_library(boyo_pg_query INTERFACE)
target_link_libraries(boyo_pg_query INTERFACE ${PG_QUERY_LIBRARY})
target_include_directories(boyo_pg_query SYSTEM INTERFACE ${PG_QUERY_INCLUDE_DIR})
