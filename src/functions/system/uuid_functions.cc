// gen_random_uuid(): a version 4 (random) UUID from OpenSSL's RAND_bytes, a new one per row.
// Thread safety: registration mutates the registry; the kernel is reentrant (RAND_bytes is
// thread-safe).
#include <openssl/rand.h>

#include <array>

#include "common/sqlstate.h"
#include "functions/builtin_families_internal.h"
#include "functions/function_errors.h"
#include "functions/kernel_helpers.h"

namespace boyodb::functions {
namespace {

using types::DataType;
using Uuid = std::array<uint8_t, 16>;

Result<columnar::ArrayPtr> GenRandomUuid(std::span<const columnar::ArrayPtr>, int64_t num_rows,
                                         const sql::EvalContext&) {
  FixedOutput<Uuid> out(num_rows);
  if (num_rows > 0 &&
      RAND_bytes(reinterpret_cast<unsigned char*>(out.data()),
                 static_cast<int>(num_rows * static_cast<int64_t>(sizeof(Uuid)))) != 1) {
    return Status(StatusCode::kInternal, sqlstate::kInternalError,
                  "could not generate random values");
  }
  for (int64_t i = 0; i < num_rows; ++i) {
    Uuid& uuid = out.data()[i];
    uuid[6] = static_cast<uint8_t>((uuid[6] & 0x0F) | 0x40);  // version 4
    uuid[8] = static_cast<uint8_t>((uuid[8] & 0x3F) | 0x80);  // RFC 4122 variant
  }
  return out.Finish(DataType::Uuid(), nullptr);
}

}  // namespace

void RegisterUuidFunctions(FunctionRegistry& registry) {
  registry.AddScalar({"gen_random_uuid",
                      {Overload({}, DataType::Uuid(), GenRandomUuid, sql::Volatility::kVolatile)}});
}

}  // namespace boyodb::functions
