// SQLSTATE codes that BoyoDB reports, named as PostgreSQL names them (Appendix A of its manual).
// Thread safety: constants only.
#pragma once

#include <string_view>

namespace boyodb::sqlstate {

inline constexpr std::string_view kSuccessfulCompletion = "00000";
inline constexpr std::string_view kFeatureNotSupported = "0A000";
inline constexpr std::string_view kProtocolViolation = "08P01";
inline constexpr std::string_view kDataException = "22000";
inline constexpr std::string_view kStringDataRightTruncation = "22001";
inline constexpr std::string_view kNumericValueOutOfRange = "22003";
inline constexpr std::string_view kSequenceGeneratorLimitExceeded = "2200H";
inline constexpr std::string_view kNullValueNotAllowed = "22004";
inline constexpr std::string_view kInvalidDatetimeFormat = "22007";
inline constexpr std::string_view kDatetimeFieldOverflow = "22008";
inline constexpr std::string_view kDivisionByZero = "22012";
inline constexpr std::string_view kInvalidPrecedingOrFollowingSize = "22013";
inline constexpr std::string_view kInvalidParameterValue = "22023";
inline constexpr std::string_view kArraySubscriptError = "2202E";
inline constexpr std::string_view kInvalidTablesampleRepeat = "2202G";
inline constexpr std::string_view kInvalidTablesampleArgument = "2202H";
inline constexpr std::string_view kInvalidTextRepresentation = "22P02";
inline constexpr std::string_view kInvalidBinaryRepresentation = "22P03";
inline constexpr std::string_view kBadCopyFileFormat = "22P04";
inline constexpr std::string_view kNotNullViolation = "23502";
inline constexpr std::string_view kCheckViolation = "23514";
inline constexpr std::string_view kInvalidCatalogName = "3D000";
inline constexpr std::string_view kInvalidSchemaName = "3F000";
inline constexpr std::string_view kSyntaxError = "42601";
inline constexpr std::string_view kInsufficientPrivilege = "42501";
inline constexpr std::string_view kUndefinedColumn = "42703";
inline constexpr std::string_view kUndefinedObject = "42704";
inline constexpr std::string_view kUndefinedTable = "42P01";
inline constexpr std::string_view kDuplicateColumn = "42701";
inline constexpr std::string_view kDuplicateDatabase = "42P04";
inline constexpr std::string_view kDuplicateSchema = "42P06";
inline constexpr std::string_view kDuplicateTable = "42P07";
inline constexpr std::string_view kDuplicateObject = "42710";
inline constexpr std::string_view kInvalidGrantOperation = "0LP01";
inline constexpr std::string_view kInvalidPassword = "28P01";
inline constexpr std::string_view kInvalidAuthorizationSpecification = "28000";
inline constexpr std::string_view kDatatypeMismatch = "42804";
inline constexpr std::string_view kInvalidName = "42602";
inline constexpr std::string_view kInsufficientResources = "53000";
inline constexpr std::string_view kDiskFull = "53100";
inline constexpr std::string_view kOutOfMemory = "53200";
inline constexpr std::string_view kProgramLimitExceeded = "54000";
inline constexpr std::string_view kStatementTooComplex = "54001";
inline constexpr std::string_view kTooManyArguments = "54023";
inline constexpr std::string_view kObjectNotInPrerequisiteState = "55000";
inline constexpr std::string_view kObjectInUse = "55006";
inline constexpr std::string_view kGeneratedAlways = "428C9";
inline constexpr std::string_view kDeadlockDetected = "40P01";
inline constexpr std::string_view kLockNotAvailable = "55P03";
inline constexpr std::string_view kQueryCanceled = "57014";
inline constexpr std::string_view kSystemError = "58000";
inline constexpr std::string_view kIoError = "58030";
inline constexpr std::string_view kUndefinedFile = "58P01";
inline constexpr std::string_view kCardinalityViolation = "21000";
inline constexpr std::string_view kSubstringError = "22011";
inline constexpr std::string_view kIntervalFieldOverflow = "22015";
inline constexpr std::string_view kInvalidArgumentForLogarithm = "2201E";
inline constexpr std::string_view kInvalidArgumentForPowerFunction = "2201F";
inline constexpr std::string_view kInvalidRowCountInLimitClause = "2201W";
inline constexpr std::string_view kInvalidRowCountInResultOffsetClause = "2201X";
inline constexpr std::string_view kCharacterNotInRepertoire = "22021";
inline constexpr std::string_view kInvalidEscapeSequence = "22025";
inline constexpr std::string_view kFloatingPointException = "22P01";
inline constexpr std::string_view kActiveSqlTransaction = "25001";
inline constexpr std::string_view kNoActiveSqlTransaction = "25P01";
inline constexpr std::string_view kInFailedSqlTransaction = "25P02";
inline constexpr std::string_view kInvalidSqlStatementName = "26000";
inline constexpr std::string_view kDependentObjectsStillExist = "2BP01";
inline constexpr std::string_view kAmbiguousColumn = "42702";
inline constexpr std::string_view kDuplicateAlias = "42712";
inline constexpr std::string_view kAmbiguousFunction = "42725";
inline constexpr std::string_view kGroupingError = "42803";
inline constexpr std::string_view kWrongObjectType = "42809";
inline constexpr std::string_view kCannotCoerce = "42846";
inline constexpr std::string_view kReservedName = "42939";
inline constexpr std::string_view kUndefinedFunction = "42883";
inline constexpr std::string_view kUndefinedParameter = "42P02";
inline constexpr std::string_view kDuplicatePreparedStatement = "42P05";
inline constexpr std::string_view kAmbiguousAlias = "42P09";
inline constexpr std::string_view kInvalidColumnReference = "42P10";
inline constexpr std::string_view kInvalidTableDefinition = "42P16";
inline constexpr std::string_view kIndeterminateDatatype = "42P18";
inline constexpr std::string_view kInvalidRecursion = "42P19";
inline constexpr std::string_view kWindowingError = "42P20";
inline constexpr std::string_view kInternalError = "XX000";
inline constexpr std::string_view kDataCorrupted = "XX001";
inline constexpr std::string_view kIndexCorrupted = "XX002";
// Regular expressions (src/functions/string/regex_*).
inline constexpr std::string_view kInvalidUseOfEscapeCharacter = "2200C";
inline constexpr std::string_view kInvalidRegularExpression = "2201B";

}  // namespace boyodb::sqlstate
