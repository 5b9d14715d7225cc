// TimeZone settings read as PostgreSQL reads them (numbers east, POSIX offsets west, IANA
// names from the tz database) and PostgreSQL's choice for skipped and repeated local times.
#include "functions/datetime/time_zone.h"

#include <gtest/gtest.h>

#include "types/datetime.h"

namespace boyodb::functions {
namespace {

int64_t Utc(std::string_view text) { return *types::ParseTimestamp(text) / 1'000'000; }

TEST(TimeZoneTest, FixedOffsets) {
  EXPECT_EQ(TimeZone::Find("UTC")->OffsetAt(0), 0);
  EXPECT_EQ(TimeZone::Find("gmt")->OffsetAt(0), 0);
  EXPECT_EQ(TimeZone::Find("5")->OffsetAt(0), 5 * 3600);
  EXPECT_EQ(TimeZone::Find("+5")->OffsetAt(0), 5 * 3600);
  EXPECT_EQ(TimeZone::Find("-3.5")->OffsetAt(0), -3 * 3600 - 1800);
  // POSIX offsets count west: "+02:00" is UTC-2, "-05:30" is UTC+5:30, "UTC+3" is UTC-3.
  EXPECT_EQ(TimeZone::Find("+02:00")->OffsetAt(0), -2 * 3600);
  EXPECT_EQ(TimeZone::Find("-05:30")->OffsetAt(0), 5 * 3600 + 1800);
  EXPECT_EQ(TimeZone::Find("UTC+3")->OffsetAt(0), -3 * 3600);
  EXPECT_EQ(TimeZone::Find("<+02>-02")->OffsetAt(0), 2 * 3600);
  const Result<TimeZone> bad = TimeZone::Find("No/Such_Zone");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().sqlstate(), "22023");
  EXPECT_EQ(bad.status().message(), "time zone \"No/Such_Zone\" not recognized");
  EXPECT_FALSE(TimeZone::Find("../etc/passwd").ok());
}

TEST(TimeZoneTest, NamedZonesFollowTheirTransitions) {
  const Result<TimeZone> paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok()) << paris.status().ToString();
  EXPECT_EQ(paris->OffsetAt(Utc("2024-01-15 12:00:00")), 3600);
  EXPECT_EQ(paris->OffsetAt(Utc("2024-07-01 12:00:00")), 7200);
  // Local mean time before 1911: +00:09:21.
  EXPECT_EQ(paris->OffsetAt(Utc("1900-01-01 00:00:00")), 561);
  EXPECT_EQ(FormatUtcOffset(561), "+00:09:21");
  // 02:30 on 2024-03-31 does not exist: PostgreSQL takes the offset before the jump (+01),
  // giving 03:30+02. 02:30 on 2024-10-27 happens twice: it takes the later one (+01).
  EXPECT_EQ(paris->OffsetForLocal(Utc("2024-03-31 02:30:00")), 3600);
  EXPECT_EQ(paris->OffsetForLocal(Utc("2024-10-27 02:30:00")), 3600);
  EXPECT_EQ(paris->OffsetForLocal(Utc("2024-07-01 12:00:00")), 7200);
  const int64_t local = *types::ParseTimestamp("2024-07-01 12:00:00");
  EXPECT_EQ(paris->ToLocalMicros(paris->ToUtcMicros(local)), local);
}

TEST(TimeZoneTest, AbbreviationsComeFromTheZoneOrTheSetting) {
  const Result<TimeZone> new_york = TimeZone::Find("America/New_York");
  ASSERT_TRUE(new_york.ok()) << new_york.status().ToString();
  EXPECT_EQ(new_york->AbbreviationAt(Utc("2024-01-15 12:00:00")), "EST");
  EXPECT_EQ(new_york->AbbreviationAt(Utc("2024-07-15 12:00:00")), "EDT");
  EXPECT_EQ(new_york->AbbreviationAt(Utc("1850-01-01 00:00:00")), "LMT");
  EXPECT_EQ(TimeZone::Find("UTC")->AbbreviationAt(0), "UTC");
  EXPECT_EQ(TimeZone::Find("GMT")->AbbreviationAt(0), "GMT");
  EXPECT_EQ(TimeZone::Find("5")->AbbreviationAt(0), "+05");
  // POSIX settings name their zone before the offset, or not at all.
  EXPECT_EQ(TimeZone::Find("+02:00")->AbbreviationAt(0), "");
  EXPECT_EQ(TimeZone::Find("EST5")->AbbreviationAt(0), "EST");
  EXPECT_EQ(TimeZone::Find("<+03>-3")->AbbreviationAt(0), "+03");
}

TEST(TimeZoneTest, TimestampTzTextUsesTheZone) {
  const Result<TimeZone> paris = TimeZone::Find("Europe/Paris");
  ASSERT_TRUE(paris.ok()) << paris.status().ToString();
  const int64_t micros = Utc("2024-07-15 12:00:00") * 1'000'000 + 500'000;
  EXPECT_EQ(FormatTimestampTz(micros, *paris), "2024-07-15 14:00:00.5+02");
  EXPECT_EQ(FormatTimestampTz(micros, TimeZone()), "2024-07-15 12:00:00.5+00");
  EXPECT_EQ(FormatTimestampTz(Utc("1900-01-01 00:00:00") * 1'000'000, *paris),
            "1900-01-01 00:09:21+00:09:21");
}

TEST(TimeZoneTest, OffsetsPrintAsPostgres) {
  EXPECT_EQ(FormatUtcOffset(0), "+00");
  EXPECT_EQ(FormatUtcOffset(-5 * 3600), "-05");
  EXPECT_EQ(FormatUtcOffset(5 * 3600 + 1800), "+05:30");
}

}  // namespace
}  // namespace boyodb::functions
