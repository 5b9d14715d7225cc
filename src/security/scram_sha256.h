// SCRAM-SHA-256 (RFC 5802 with RFC 7677's SHA-256), server side, as PostgreSQL speaks it inside
// AuthenticationSASL: stored verifiers in PostgreSQL's text format, and ScramServer, which runs
// one exchange against a verifier without touching a socket.
// Thread safety: the free functions are pure (RandomSalt is safe from any thread); a
// ScramServer is one connection's state and must not be shared between threads.
//
// Passwords are used as their raw bytes. PostgreSQL first normalizes a password with SASLprep
// (RFC 4013) and falls back to the raw bytes when the password is not valid UTF-8 or SASLprep
// refuses it. We do not implement SASLprep: SASLprep either leaves an ASCII password unchanged
// or refuses it (control characters), so our verifiers equal PostgreSQL's for every ASCII
// password, and differ only for non-ASCII passwords that SASLprep would change (for example
// ones with a no-break space or characters that NFKC normalization rewrites).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace boyodb::security {

/// The SASL mechanism name a server lists in AuthenticationSASL.
inline constexpr std::string_view kScramSha256MechanismName = "SCRAM-SHA-256";
/// Bytes of StoredKey, ServerKey, ClientProof and the signatures (SHA-256's output).
inline constexpr size_t kScramKeyLength = 32;
/// Bytes of a salt from RandomSalt (PostgreSQL uses 16 as well).
inline constexpr size_t kScramSaltLength = 16;
/// PostgreSQL's default scram_iterations.
inline constexpr int32_t kDefaultScramIterations = 4096;

/// What a server stores for a password: never the password, only what SCRAM needs.
struct ScramVerifier {
  int32_t iterations = 0;
  std::string salt;        // raw bytes, not empty
  std::string stored_key;  // raw bytes, kScramKeyLength long: H(HMAC(SaltedPassword, "Client Key"))
  std::string server_key;  // raw bytes, kScramKeyLength long: HMAC(SaltedPassword, "Server Key")

  bool operator==(const ScramVerifier& other) const = default;
};

/// The verifier for `password` with `salt` (raw bytes) and `iterations` rounds of PBKDF2.
/// InvalidArgument (22023) when iterations < 1 or the salt is empty; Internal (XX000) when
/// OpenSSL fails.
Result<ScramVerifier> ComputeScramVerifier(std::string_view password, std::string_view salt,
                                           int32_t iterations);

/// PostgreSQL's stored form of a verifier:
/// "SCRAM-SHA-256$<iterations>:<base64 salt>$<base64 StoredKey>:<base64 ServerKey>".
std::string FormatScramVerifier(const ScramVerifier& verifier);

/// ComputeScramVerifier followed by FormatScramVerifier; the same errors.
Result<std::string> MakeScramVerifier(std::string_view password, std::string_view salt,
                                      int32_t iterations);

/// Parses FormatScramVerifier's output (and PostgreSQL's). InvalidArgument (22023) naming the
/// part that is wrong: another prefix, an iteration count that is not a number from 1 to
/// 2147483647, base64 that does not decode, an empty salt, or keys that are not 32 bytes.
Result<ScramVerifier> ParseScramVerifier(std::string_view text);

/// kScramSaltLength bytes from OpenSSL's RAND_bytes. Internal (XX000) when the generator
/// fails (it is not seeded), so the caller never stores a predictable salt.
Result<std::string> RandomSalt();

/// The server side of one SCRAM-SHA-256 exchange (RFC 5802 section 3, no channel binding):
///   client-first -> HandleClientFirst -> server-first (send in AuthenticationSASLContinue)
///   client-final -> HandleClientFinal -> server-final (send in AuthenticationSASLFinal, then
///                                                      AuthenticationOk)
/// Any error ends the exchange: later calls fail with 08P01, and the connection should end
/// with the returned Status. Errors:
///   - 08P01 "malformed SCRAM message: ..." for messages that break RFC 5802's grammar, a
///     channel-binding flag "p=..." (we offer SCRAM-SHA-256, not SCRAM-SHA-256-PLUS), a nonce
///     or channel-binding attribute in client-final that does not match client-first, or a
///     call out of order;
///   - 0A000 for an authorization identity ("n,a=...") or a mandatory extension ("m=...");
///   - 28P01 `password authentication failed for user "<user>"` for a wrong password and for
///     every exchange of a server made by ForUnknownUser.
/// The user name in client-first ("n=") is ignored, as PostgreSQL does: the user is the one
/// from the startup message, given to the constructor.
class ScramServer {
 public:
  /// Requires: `verifier` has the sizes ComputeScramVerifier and ParseScramVerifier produce
  /// (checked).
  ScramServer(std::string user_name, ScramVerifier verifier);

  /// A server for a user that does not exist or has no SCRAM verifier. It runs the same
  /// exchange with MockVerifier(user_name, server_secret), so the client sees a plausible,
  /// stable salt and iteration count, and it always fails at client-final with the same 28P01
  /// as a wrong password: a client cannot tell which users exist.
  /// Internal (XX000) when OpenSSL fails.
  static Result<ScramServer> ForUnknownUser(std::string user_name, std::string_view server_secret);

  /// A deterministic verifier derived from the user name and a server-wide secret (which the
  /// server keeps private and stable across restarts, so a user's mock salt does not change
  /// between attempts), with kDefaultScramIterations. No password is known to match it.
  /// Internal (XX000) when OpenSSL fails.
  static Result<ScramVerifier> MockVerifier(std::string_view user_name,
                                            std::string_view server_secret);

  /// A server whose nonce part is `server_nonce` instead of 18 random bytes in base64; only for
  /// reproducing published test vectors. Requires: server_nonce is non-empty printable ASCII
  /// without ',' (checked).
  static ScramServer WithServerNonceForTesting(std::string user_name, ScramVerifier verifier,
                                               std::string server_nonce);

  /// Takes the data of SASLInitialResponse and returns server-first-message
  /// "r=<client nonce><server nonce>,s=<base64 salt>,i=<iterations>". Errors as above;
  /// Internal (XX000) when the random generator fails.
  Result<std::string> HandleClientFirst(std::string_view client_first);

  /// Takes the data of the SASLResponse that follows and, when the proof is right, returns
  /// server-final-message "v=<base64 ServerSignature>". Errors as above.
  Result<std::string> HandleClientFinal(std::string_view client_final);

  /// True once HandleClientFinal has accepted the client's proof.
  bool authenticated() const { return state_ == State::kAuthenticated; }
  const std::string& user_name() const { return user_name_; }

 private:
  enum class State : uint8_t { kExpectClientFirst, kExpectClientFinal, kAuthenticated, kFailed };

  ScramServer(std::string user_name, ScramVerifier verifier, bool doomed,
              std::optional<std::string> fixed_server_nonce);

  Result<std::string> ProcessClientFirst(std::string_view client_first);
  Result<std::string> ProcessClientFinal(std::string_view client_final);
  Status PasswordAuthenticationFailed() const;

  // Fixed at construction; not const so a server can be move-assigned into a session.
  std::string user_name_;
  ScramVerifier verifier_;
  // Set for ForUnknownUser: the proof is refused whatever it is.
  bool doomed_;
  std::optional<std::string> fixed_server_nonce_;

  State state_ = State::kExpectClientFirst;
  std::string gs2_header_;  // "n,," or "y,,", which client-final's c= must repeat
  std::string client_first_bare_;
  std::string server_first_;
  std::string combined_nonce_;
};

}  // namespace boyodb::security
