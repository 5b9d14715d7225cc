#include "security/scram_sha256.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <array>
#include <climits>
#include <utility>
#include <vector>

#include "common/base64.h"
#include "common/check.h"
#include "common/sqlstate.h"

namespace boyodb::security {
namespace {

constexpr std::string_view kVerifierPrefix = "SCRAM-SHA-256$";
// RFC 5802 leaves the nonce length open; PostgreSQL sends 18 random bytes, 24 base64 characters.
constexpr size_t kServerNonceRawLength = 18;

Status Malformed(std::string detail) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kProtocolViolation,
                "malformed SCRAM message: " + std::move(detail));
}

Status InvalidVerifier(std::string detail) {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                "invalid SCRAM verifier: " + std::move(detail));
}

Status OpenSslFailed(std::string_view operation) {
  return Status::Internal("OpenSSL failed to compute " + std::string(operation));
}

Result<std::string> Sha256(std::string_view data) {
  std::string digest(kScramKeyLength, '\0');
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), reinterpret_cast<unsigned char*>(digest.data()), &length,
                 EVP_sha256(), nullptr) != 1 ||
      length != kScramKeyLength) {
    return OpenSslFailed("SHA-256");
  }
  return digest;
}

Result<std::string> HmacSha256(std::string_view key, std::string_view data) {
  std::string mac(kScramKeyLength, '\0');
  unsigned int length = 0;
  // An empty key still needs a valid pointer: OpenSSL reads a null key as "keep the old key".
  const char* key_data = key.empty() ? "" : key.data();
  if (HMAC(EVP_sha256(), key_data, static_cast<int>(key.size()),
           reinterpret_cast<const unsigned char*>(data.data()), data.size(),
           reinterpret_cast<unsigned char*>(mac.data()), &length) == nullptr ||
      length != kScramKeyLength) {
    return OpenSslFailed("HMAC-SHA-256");
  }
  return mac;
}

std::string Base64(std::string_view bytes) {
  std::string text;
  AppendBase64(bytes, 0, &text);
  return text;
}

// RFC 5802's "printable": %x21-2B / %x2D-7E, printable ASCII except ','.
bool IsPrintableNonce(std::string_view nonce) {
  if (nonce.empty()) return false;
  for (const char c : nonce) {
    if (c < 0x21 || c > 0x7E || c == ',') return false;
  }
  return true;
}

// Splits a message at every ','. RFC 5802 values never contain ',' (saslname escapes it as
// "=2C"), so this yields exactly the attributes.
std::vector<std::string_view> SplitAttributes(std::string_view text) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
}

bool IsAttribute(std::string_view part, char name) {
  return part.size() >= 2 && part[0] == name && part[1] == '=';
}

bool IsAnyAttribute(std::string_view part) {
  const char name = part.empty() ? '\0' : part[0];
  return part.size() >= 2 && ((name >= 'a' && name <= 'z') || (name >= 'A' && name <= 'Z')) &&
         part[1] == '=';
}

// An attribute value quoted for an error message, shortened so a hostile client cannot make
// the server log kilobytes.
std::string Quote(std::string_view value) {
  constexpr size_t kMaxShown = 40;
  std::string quoted = "\"";
  quoted.append(value.substr(0, kMaxShown));
  if (value.size() > kMaxShown) quoted.append("...");
  quoted.push_back('"');
  return quoted;
}

Result<int32_t> ParseIterations(std::string_view text) {
  if (text.empty() || text.size() > 10) {
    return InvalidVerifier("iteration count " + Quote(text) + " is not a number");
  }
  int64_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') {
      return InvalidVerifier("iteration count " + Quote(text) + " is not a number");
    }
    value = value * 10 + (c - '0');
  }
  if (value < 1 || value > INT32_MAX) {
    return InvalidVerifier("iteration count " + std::string(text) +
                           " is not between 1 and 2147483647");
  }
  return static_cast<int32_t>(value);
}

Result<std::string> DecodeVerifierPart(std::string_view text, std::string_view part_name) {
  std::string bytes;
  if (!DecodeBase64(text, &bytes).ok()) {
    return InvalidVerifier(std::string(part_name) + " is not valid base64");
  }
  return bytes;
}

}  // namespace

Result<ScramVerifier> ComputeScramVerifier(std::string_view password, std::string_view salt,
                                           int32_t iterations) {
  if (iterations < 1) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "SCRAM iteration count must be at least 1, not " + std::to_string(iterations));
  }
  if (salt.empty()) {
    return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidParameterValue,
                  "SCRAM salt must not be empty");
  }
  // SaltedPassword := Hi(password, salt, i), which is PBKDF2 with HMAC-SHA-256 (RFC 5802 2.2).
  std::array<unsigned char, kScramKeyLength> salted_password{};
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(salted_password.size()), salted_password.data()) != 1) {
    return OpenSslFailed("PBKDF2");
  }
  const std::string_view salted(reinterpret_cast<const char*>(salted_password.data()),
                                salted_password.size());
  Result<std::string> client_key = HmacSha256(salted, "Client Key");
  Result<std::string> server_key = HmacSha256(salted, "Server Key");
  // SaltedPassword is as good as the password for this salt: wipe it before any return.
  OPENSSL_cleanse(salted_password.data(), salted_password.size());
  BOYO_RETURN_IF_ERROR(client_key);
  BOYO_RETURN_IF_ERROR(server_key);
  ScramVerifier verifier;
  verifier.iterations = iterations;
  verifier.salt = std::string(salt);
  Result<std::string> stored_key = Sha256(*client_key);
  OPENSSL_cleanse(client_key->data(), client_key->size());
  BOYO_RETURN_IF_ERROR(stored_key);
  verifier.stored_key = std::move(stored_key).value();
  verifier.server_key = std::move(server_key).value();
  return verifier;
}

std::string FormatScramVerifier(const ScramVerifier& verifier) {
  std::string text(kVerifierPrefix);
  text += std::to_string(verifier.iterations);
  text.push_back(':');
  AppendBase64(verifier.salt, 0, &text);
  text.push_back('$');
  AppendBase64(verifier.stored_key, 0, &text);
  text.push_back(':');
  AppendBase64(verifier.server_key, 0, &text);
  return text;
}

Result<std::string> MakeScramVerifier(std::string_view password, std::string_view salt,
                                      int32_t iterations) {
  BOYO_ASSIGN_OR_RETURN(const ScramVerifier verifier,
                        ComputeScramVerifier(password, salt, iterations));
  return FormatScramVerifier(verifier);
}

Result<ScramVerifier> ParseScramVerifier(std::string_view text) {
  if (text.substr(0, kVerifierPrefix.size()) != kVerifierPrefix) {
    return InvalidVerifier("expected the prefix \"SCRAM-SHA-256$\"");
  }
  text.remove_prefix(kVerifierPrefix.size());
  // <iterations>:<salt>$<stored key>:<server key>
  const size_t dollar = text.find('$');
  if (dollar == std::string_view::npos) {
    return InvalidVerifier("expected \"$\" between the salt and the keys");
  }
  const std::string_view iterations_and_salt = text.substr(0, dollar);
  const std::string_view keys = text.substr(dollar + 1);
  const size_t salt_colon = iterations_and_salt.find(':');
  const size_t keys_colon = keys.find(':');
  if (salt_colon == std::string_view::npos) {
    return InvalidVerifier("expected \":\" between the iteration count and the salt");
  }
  if (keys_colon == std::string_view::npos) {
    return InvalidVerifier("expected \":\" between the stored key and the server key");
  }
  ScramVerifier verifier;
  BOYO_ASSIGN_OR_RETURN(verifier.iterations,
                        ParseIterations(iterations_and_salt.substr(0, salt_colon)));
  BOYO_ASSIGN_OR_RETURN(verifier.salt,
                        DecodeVerifierPart(iterations_and_salt.substr(salt_colon + 1), "salt"));
  BOYO_ASSIGN_OR_RETURN(verifier.stored_key,
                        DecodeVerifierPart(keys.substr(0, keys_colon), "stored key"));
  BOYO_ASSIGN_OR_RETURN(verifier.server_key,
                        DecodeVerifierPart(keys.substr(keys_colon + 1), "server key"));
  if (verifier.salt.empty()) return InvalidVerifier("salt is empty");
  if (verifier.stored_key.size() != kScramKeyLength) {
    return InvalidVerifier("stored key has " + std::to_string(verifier.stored_key.size()) +
                           " bytes, expected 32");
  }
  if (verifier.server_key.size() != kScramKeyLength) {
    return InvalidVerifier("server key has " + std::to_string(verifier.server_key.size()) +
                           " bytes, expected 32");
  }
  return verifier;
}

Result<std::string> RandomSalt() {
  std::string salt(kScramSaltLength, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) !=
      1) {
    return Status::Internal("OpenSSL's random generator failed to produce a salt");
  }
  return salt;
}

ScramServer::ScramServer(std::string user_name, ScramVerifier verifier)
    : ScramServer(std::move(user_name), std::move(verifier), /*doomed=*/false, std::nullopt) {}

ScramServer::ScramServer(std::string user_name, ScramVerifier verifier, bool doomed,
                         std::optional<std::string> fixed_server_nonce)
    : user_name_(std::move(user_name)),
      verifier_(std::move(verifier)),
      doomed_(doomed),
      fixed_server_nonce_(std::move(fixed_server_nonce)) {
  BOYO_CHECK_GE(verifier_.iterations, 1);
  BOYO_CHECK(!verifier_.salt.empty());
  BOYO_CHECK_EQ(verifier_.stored_key.size(), kScramKeyLength);
  BOYO_CHECK_EQ(verifier_.server_key.size(), kScramKeyLength);
  if (fixed_server_nonce_.has_value()) BOYO_CHECK(IsPrintableNonce(*fixed_server_nonce_));
}

Result<ScramServer> ScramServer::ForUnknownUser(std::string user_name,
                                                std::string_view server_secret) {
  BOYO_ASSIGN_OR_RETURN(ScramVerifier verifier, MockVerifier(user_name, server_secret));
  return ScramServer(std::move(user_name), std::move(verifier), /*doomed=*/true, std::nullopt);
}

Result<ScramVerifier> ScramServer::MockVerifier(std::string_view user_name,
                                                std::string_view server_secret) {
  // Each part is an HMAC keyed by the secret over a distinct label and the user name, so the
  // parts are unrelated to each other and unpredictable without the secret. The label ends in
  // a NUL, which a label cannot contain, so no (label, user) pair collides with another.
  auto derive = [&](std::string_view label) {
    std::string input(label);
    input.push_back('\0');
    input.append(user_name);
    return HmacSha256(server_secret, input);
  };
  ScramVerifier verifier;
  verifier.iterations = kDefaultScramIterations;
  BOYO_ASSIGN_OR_RETURN(verifier.salt, derive("boyodb mock scram salt"));
  verifier.salt.resize(kScramSaltLength);
  BOYO_ASSIGN_OR_RETURN(verifier.stored_key, derive("boyodb mock scram stored key"));
  BOYO_ASSIGN_OR_RETURN(verifier.server_key, derive("boyodb mock scram server key"));
  return verifier;
}

ScramServer ScramServer::WithServerNonceForTesting(std::string user_name, ScramVerifier verifier,
                                                   std::string server_nonce) {
  return ScramServer(std::move(user_name), std::move(verifier), /*doomed=*/false,
                     std::move(server_nonce));
}

Result<std::string> ScramServer::HandleClientFirst(std::string_view client_first) {
  if (state_ != State::kExpectClientFirst) {
    state_ = State::kFailed;
    return Malformed("client-first-message received when it was not expected");
  }
  Result<std::string> server_first = ProcessClientFirst(client_first);
  state_ = server_first.ok() ? State::kExpectClientFinal : State::kFailed;
  return server_first;
}

Result<std::string> ScramServer::HandleClientFinal(std::string_view client_final) {
  if (state_ != State::kExpectClientFinal) {
    state_ = State::kFailed;
    return Malformed("client-final-message received when it was not expected");
  }
  Result<std::string> server_final = ProcessClientFinal(client_final);
  state_ = server_final.ok() ? State::kAuthenticated : State::kFailed;
  return server_final;
}

Status ScramServer::PasswordAuthenticationFailed() const {
  return Status(StatusCode::kInvalidArgument, sqlstate::kInvalidPassword,
                "password authentication failed for user \"" + user_name_ + "\"");
}

Result<std::string> ScramServer::ProcessClientFirst(std::string_view client_first) {
  // gs2-header = gs2-cbind-flag "," [authzid] ","
  if (client_first.empty()) return Malformed("client-first-message is empty");
  const char flag = client_first[0];
  if (flag == 'p' && client_first.size() >= 2 && client_first[1] == '=') {
    const std::string_view binding = client_first.substr(0, client_first.find(','));
    return Malformed("the client requires channel binding (" + Quote(binding) +
                     "), but the selected mechanism SCRAM-SHA-256 has none");
  }
  if (flag != 'n' && flag != 'y') {
    return Malformed("unexpected channel-binding flag " + Quote(client_first.substr(0, 1)) +
                     " in client-first-message");
  }
  // 'y' means the client could bind but believes the server cannot; we never offer
  // SCRAM-SHA-256-PLUS, so that belief is right and 'y' is accepted like 'n'.
  if (client_first.size() < 2 || client_first[1] != ',') {
    return Malformed("expected \",\" after the channel-binding flag in client-first-message");
  }
  if (IsAttribute(client_first.substr(2), 'a')) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "client uses authorization identity, but it is not supported");
  }
  if (client_first.size() < 3 || client_first[2] != ',') {
    return Malformed("expected \",\" to end the gs2 header of client-first-message");
  }
  const std::string_view bare = client_first.substr(3);
  const std::vector<std::string_view> attributes = SplitAttributes(bare);
  // client-first-message-bare = [reserved-mext ","] username "," nonce ["," extensions]
  if (IsAttribute(attributes[0], 'm')) {
    return Status(StatusCode::kNotSupported, sqlstate::kFeatureNotSupported,
                  "client requires an unsupported SCRAM extension");
  }
  if (!IsAttribute(attributes[0], 'n')) {
    return Malformed("expected attribute \"n\" (the user name) in client-first-message");
  }
  if (attributes.size() < 2 || !IsAttribute(attributes[1], 'r')) {
    return Malformed("expected attribute \"r\" (the nonce) in client-first-message");
  }
  const std::string_view client_nonce = attributes[1].substr(2);
  if (!IsPrintableNonce(client_nonce)) {
    return Malformed("the client nonce is empty or has characters other than printable ASCII");
  }
  for (size_t i = 2; i < attributes.size(); ++i) {
    if (!IsAnyAttribute(attributes[i])) {
      return Malformed("expected an attribute, not " + Quote(attributes[i]) +
                       ", in client-first-message");
    }
  }

  std::string server_nonce;
  if (fixed_server_nonce_.has_value()) {
    server_nonce = *fixed_server_nonce_;
  } else {
    std::array<unsigned char, kServerNonceRawLength> random{};
    if (RAND_bytes(random.data(), static_cast<int>(random.size())) != 1) {
      return Status::Internal("OpenSSL's random generator failed to produce a SCRAM nonce");
    }
    AppendBase64(std::string_view(reinterpret_cast<const char*>(random.data()), random.size()), 0,
                 &server_nonce);
  }
  gs2_header_ = std::string(client_first.substr(0, 3));
  client_first_bare_ = std::string(bare);
  combined_nonce_ = std::string(client_nonce) + server_nonce;
  server_first_ = "r=" + combined_nonce_ + ",s=" + Base64(verifier_.salt) +
                  ",i=" + std::to_string(verifier_.iterations);
  return server_first_;
}

Result<std::string> ScramServer::ProcessClientFinal(std::string_view client_final) {
  // client-final-message = channel-binding "," nonce ["," extensions] "," proof
  const std::vector<std::string_view> attributes = SplitAttributes(client_final);
  if (!IsAttribute(attributes[0], 'c')) {
    return Malformed("expected attribute \"c\" (channel binding) in client-final-message");
  }
  if (attributes.size() < 2 || !IsAttribute(attributes[1], 'r')) {
    return Malformed("expected attribute \"r\" (the nonce) in client-final-message");
  }
  if (attributes.size() < 3 || !IsAttribute(attributes.back(), 'p')) {
    return Malformed("expected attribute \"p\" (the proof) at the end of client-final-message");
  }
  for (size_t i = 2; i + 1 < attributes.size(); ++i) {
    if (!IsAnyAttribute(attributes[i])) {
      return Malformed("expected an attribute, not " + Quote(attributes[i]) +
                       ", in client-final-message");
    }
  }
  std::string channel_binding;
  if (!DecodeBase64(attributes[0].substr(2), &channel_binding).ok() ||
      channel_binding != gs2_header_) {
    return Malformed("unexpected channel-binding attribute " + Quote(attributes[0]) +
                     " in client-final-message");
  }
  if (attributes[1].substr(2) != combined_nonce_) {
    return Malformed("the nonce in client-final-message does not match the one sent");
  }
  std::string client_proof;
  if (!DecodeBase64(attributes.back().substr(2), &client_proof).ok() ||
      client_proof.size() != kScramKeyLength) {
    return Malformed("the proof in client-final-message is not 32 bytes in base64");
  }

  // AuthMessage := client-first-message-bare + "," + server-first-message + "," +
  //                client-final-message-without-proof
  const size_t proof_length = attributes.back().size() + 1;  // with the ',' before it
  const std::string_view final_without_proof =
      client_final.substr(0, client_final.size() - proof_length);
  std::string auth_message = client_first_bare_;
  auth_message.push_back(',');
  auth_message.append(server_first_);
  auth_message.push_back(',');
  auth_message.append(final_without_proof);

  // ClientKey := ClientProof XOR HMAC(StoredKey, AuthMessage); the proof is right when
  // H(ClientKey) = StoredKey.
  BOYO_ASSIGN_OR_RETURN(const std::string client_signature,
                        HmacSha256(verifier_.stored_key, auth_message));
  std::string client_key(kScramKeyLength, '\0');
  for (size_t i = 0; i < kScramKeyLength; ++i) {
    client_key[i] = static_cast<char>(client_proof[i] ^ client_signature[i]);
  }
  Result<std::string> computed_stored_key = Sha256(client_key);
  OPENSSL_cleanse(client_key.data(), client_key.size());
  BOYO_RETURN_IF_ERROR(computed_stored_key);
  // Compared in constant time so the time taken says nothing about how many bytes matched.
  const bool proof_matches =
      CRYPTO_memcmp(computed_stored_key->data(), verifier_.stored_key.data(), kScramKeyLength) == 0;
  if (doomed_ || !proof_matches) return PasswordAuthenticationFailed();

  BOYO_ASSIGN_OR_RETURN(const std::string server_signature,
                        HmacSha256(verifier_.server_key, auth_message));
  return "v=" + Base64(server_signature);
}

}  // namespace boyodb::security
