#include "security/scram_sha256.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <string>
#include <utility>

#include "common/base64.h"

namespace boyodb::security {
namespace {

// RFC 7677 section 3: the SCRAM-SHA-256 example exchange.
constexpr std::string_view kRfcPassword = "pencil";
constexpr std::string_view kRfcSaltBase64 = "W22ZaJ0SNY7soEsUEjb6gQ==";
constexpr std::string_view kRfcClientNonce = "rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kRfcServerNonce = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
constexpr std::string_view kRfcClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
constexpr std::string_view kRfcServerFirst =
    "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
constexpr std::string_view kRfcClientFinal =
    "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
constexpr std::string_view kRfcServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
// The stored verifier for the RFC's password and salt, computed independently with Python's
// hashlib (pbkdf2_hmac, hmac, sha256) in PostgreSQL's format.
constexpr std::string_view kRfcVerifierText =
    "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
    "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

std::string Decode(std::string_view base64) {
  std::string bytes;
  EXPECT_TRUE(DecodeBase64(base64, &bytes).ok()) << base64;
  return bytes;
}

std::string Encode(std::string_view bytes) {
  std::string text;
  AppendBase64(bytes, 0, &text);
  return text;
}

ScramVerifier RfcVerifier() {
  Result<ScramVerifier> verifier = ComputeScramVerifier(kRfcPassword, Decode(kRfcSaltBase64), 4096);
  EXPECT_TRUE(verifier.ok()) << verifier.status().ToString();
  return std::move(verifier).value();
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char mac[32];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &length);
  return std::string(reinterpret_cast<const char*>(mac), length);
}

std::string Sha256(std::string_view data) {
  unsigned char digest[32];
  unsigned int length = 0;
  EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), length);
}

// The client side of RFC 5802, written from the RFC independently of ScramServer. By default
// it leaves the user name empty ("n=,") as libpq does, since the server takes the user from
// the startup message.
class TestScramClient {
 public:
  TestScramClient(std::string password, std::string client_nonce, std::string gs2_header = "n,,",
                  std::string user_name = "")
      : password_(std::move(password)),
        client_nonce_(std::move(client_nonce)),
        gs2_header_(std::move(gs2_header)),
        user_name_(std::move(user_name)) {}

  std::string ClientFirst() const { return gs2_header_ + ClientFirstBare(); }

  // Builds client-final from server-first; remembers the ServerSignature to expect.
  std::string ClientFinal(std::string_view server_first) {
    // r=<nonce>,s=<salt>,i=<iterations>
    const size_t salt_start = server_first.find(",s=");
    const size_t iterations_start = server_first.find(",i=");
    EXPECT_NE(salt_start, std::string_view::npos);
    EXPECT_NE(iterations_start, std::string_view::npos);
    const std::string nonce(server_first.substr(2, salt_start - 2));
    const std::string salt =
        Decode(server_first.substr(salt_start + 3, iterations_start - salt_start - 3));
    const int iterations = std::stoi(std::string(server_first.substr(iterations_start + 3)));

    unsigned char salted_password[32];
    PKCS5_PBKDF2_HMAC(password_.data(), static_cast<int>(password_.size()),
                      reinterpret_cast<const unsigned char*>(salt.data()),
                      static_cast<int>(salt.size()), iterations, EVP_sha256(), 32, salted_password);
    const std::string salted(reinterpret_cast<const char*>(salted_password), 32);
    const std::string client_key = HmacSha256(salted, "Client Key");
    const std::string stored_key = Sha256(client_key);
    const std::string server_key = HmacSha256(salted, "Server Key");

    const std::string final_without_proof = "c=" + Encode(gs2_header_) + ",r=" + nonce;
    const std::string auth_message =
        ClientFirstBare() + "," + std::string(server_first) + "," + final_without_proof;
    const std::string client_signature = HmacSha256(stored_key, auth_message);
    std::string proof(32, '\0');
    for (size_t i = 0; i < 32; ++i) {
      proof[i] = static_cast<char>(client_key[i] ^ client_signature[i]);
    }
    expected_server_final_ = "v=" + Encode(HmacSha256(server_key, auth_message));
    return final_without_proof + ",p=" + Encode(proof);
  }

  const std::string& expected_server_final() const { return expected_server_final_; }

 private:
  std::string ClientFirstBare() const { return "n=" + user_name_ + ",r=" + client_nonce_; }

  std::string password_;
  std::string client_nonce_;
  std::string gs2_header_;
  std::string user_name_;
  std::string expected_server_final_;
};

ScramServer RfcServer() {
  return ScramServer::WithServerNonceForTesting("user", RfcVerifier(),
                                                std::string(kRfcServerNonce));
}

// Runs client-first through a fresh RFC server and returns the status of client-final.
Status ClientFinalError(std::string_view client_first, std::string_view client_final) {
  ScramServer server = RfcServer();
  const Result<std::string> server_first = server.HandleClientFirst(client_first);
  EXPECT_TRUE(server_first.ok()) << server_first.status().ToString();
  const Result<std::string> server_final = server.HandleClientFinal(client_final);
  EXPECT_FALSE(server_final.ok()) << client_final;
  EXPECT_FALSE(server.authenticated());
  return server_final.status();
}

TEST(ScramSha256Test, Rfc7677ExampleExchangeSucceeds) {
  ScramServer server = RfcServer();
  const Result<std::string> server_first = server.HandleClientFirst(kRfcClientFirst);
  ASSERT_TRUE(server_first.ok()) << server_first.status().ToString();
  EXPECT_EQ(*server_first, kRfcServerFirst);
  EXPECT_FALSE(server.authenticated());
  const Result<std::string> server_final = server.HandleClientFinal(kRfcClientFinal);
  ASSERT_TRUE(server_final.ok()) << server_final.status().ToString();
  EXPECT_EQ(*server_final, kRfcServerFinal);
  EXPECT_TRUE(server.authenticated());
}

TEST(ScramSha256Test, TestClientReproducesTheRfc7677Messages) {
  // The other tests trust the test client; this pins it to the published exchange.
  TestScramClient client(std::string(kRfcPassword), std::string(kRfcClientNonce), "n,,", "user");
  EXPECT_EQ(client.ClientFirst(), kRfcClientFirst);
  EXPECT_EQ(client.ClientFinal(kRfcServerFirst), kRfcClientFinal);
  EXPECT_EQ(client.expected_server_final(), kRfcServerFinal);
}

TEST(ScramSha256Test, MakeScramVerifierMatchesAnIndependentComputation) {
  const Result<std::string> text = MakeScramVerifier(kRfcPassword, Decode(kRfcSaltBase64), 4096);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, kRfcVerifierText);
}

TEST(ScramSha256Test, VerifierRoundTripsThroughTheParser) {
  const Result<std::string> salt = RandomSalt();
  ASSERT_TRUE(salt.ok());
  const Result<ScramVerifier> computed = ComputeScramVerifier("s3cret pass", *salt, 1000);
  ASSERT_TRUE(computed.ok());
  const Result<std::string> text = MakeScramVerifier("s3cret pass", *salt, 1000);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, FormatScramVerifier(*computed));
  EXPECT_EQ(text->rfind("SCRAM-SHA-256$1000:", 0), 0u) << *text;
  const Result<ScramVerifier> parsed = ParseScramVerifier(*text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, *computed);
  EXPECT_EQ(parsed->salt, *salt);
  EXPECT_EQ(FormatScramVerifier(*parsed), *text);
}

TEST(ScramSha256Test, ParsedPostgresVerifierAuthenticatesTheRfcExchange) {
  const Result<ScramVerifier> verifier = ParseScramVerifier(kRfcVerifierText);
  ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
  ScramServer server =
      ScramServer::WithServerNonceForTesting("user", *verifier, std::string(kRfcServerNonce));
  ASSERT_TRUE(server.HandleClientFirst(kRfcClientFirst).ok());
  const Result<std::string> server_final = server.HandleClientFinal(kRfcClientFinal);
  ASSERT_TRUE(server_final.ok()) << server_final.status().ToString();
  EXPECT_EQ(*server_final, kRfcServerFinal);
}

TEST(ScramSha256Test, MalformedVerifiersAreRefusedNamingThePart) {
  const struct {
    std::string_view text;
    std::string_view message;
  } cases[] = {
      {"", "invalid SCRAM verifier: expected the prefix \"SCRAM-SHA-256$\""},
      {"md5abcdef", "invalid SCRAM verifier: expected the prefix \"SCRAM-SHA-256$\""},
      {"SCRAM-SHA-256$4096:c2FsdA==",
       "invalid SCRAM verifier: expected \"$\" between the salt "
       "and the keys"},
      {"SCRAM-SHA-256$4096$a:b",
       "invalid SCRAM verifier: expected \":\" between the iteration count and the salt"},
      {"SCRAM-SHA-256$4096:c2FsdA==$ab",
       "invalid SCRAM verifier: expected \":\" between the stored key and the server key"},
      {"SCRAM-SHA-256$0:c2FsdA==$a:b",
       "invalid SCRAM verifier: iteration count 0 is not between 1 and 2147483647"},
      {"SCRAM-SHA-256$2147483648:c2FsdA==$a:b",
       "invalid SCRAM verifier: iteration count 2147483648 is not between 1 and 2147483647"},
      {"SCRAM-SHA-256$-1:c2FsdA==$a:b",
       "invalid SCRAM verifier: iteration count \"-1\" is not a number"},
      {"SCRAM-SHA-256$:c2FsdA==$a:b",
       "invalid SCRAM verifier: iteration count \"\" is not a "
       "number"},
      {"SCRAM-SHA-256$4096:c2F*dA==$a:b", "invalid SCRAM verifier: salt is not valid base64"},
      {"SCRAM-SHA-256$4096:$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
       "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
       "invalid SCRAM verifier: salt is empty"},
      {"SCRAM-SHA-256$4096:c2FsdA==$c2hvcnQ=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
       "invalid SCRAM verifier: stored key has 5 bytes, expected 32"},
      {"SCRAM-SHA-256$4096:c2FsdA==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:!!",
       "invalid SCRAM verifier: server key is not valid base64"},
      {"SCRAM-SHA-256$4096:c2FsdA==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:c2hvcnQ=",
       "invalid SCRAM verifier: server key has 5 bytes, expected 32"},
  };
  for (const auto& c : cases) {
    const Result<ScramVerifier> verifier = ParseScramVerifier(c.text);
    ASSERT_FALSE(verifier.ok()) << c.text;
    EXPECT_EQ(verifier.status().sqlstate(), "22023") << c.text;
    EXPECT_EQ(verifier.status().message(), c.message) << c.text;
  }
}

TEST(ScramSha256Test, ComputeRefusesZeroIterationsAndAnEmptySalt) {
  const Result<ScramVerifier> no_iterations = ComputeScramVerifier("pw", "salt", 0);
  ASSERT_FALSE(no_iterations.ok());
  EXPECT_EQ(no_iterations.status().sqlstate(), "22023");
  EXPECT_EQ(no_iterations.status().message(), "SCRAM iteration count must be at least 1, not 0");
  const Result<std::string> no_salt = MakeScramVerifier("pw", "", 4096);
  ASSERT_FALSE(no_salt.ok());
  EXPECT_EQ(no_salt.status().sqlstate(), "22023");
  EXPECT_EQ(no_salt.status().message(), "SCRAM salt must not be empty");
}

TEST(ScramSha256Test, RandomSaltHasSixteenFreshBytes) {
  const Result<std::string> first = RandomSalt();
  const Result<std::string> second = RandomSalt();
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(first->size(), kScramSaltLength);
  EXPECT_NE(*first, *second);
}

TEST(ScramSha256Test, FullExchangeWithRandomSaltAndRandomNonceSucceeds) {
  const Result<std::string> salt = RandomSalt();
  ASSERT_TRUE(salt.ok());
  const Result<std::string> stored = MakeScramVerifier("correct horse", *salt, 4096);
  ASSERT_TRUE(stored.ok());
  const Result<ScramVerifier> verifier = ParseScramVerifier(*stored);
  ASSERT_TRUE(verifier.ok());
  for (const std::string gs2_header : {"n,,", "y,,"}) {
    ScramServer server("alice", *verifier);
    TestScramClient client("correct horse", "fyko+d2lbbFgONRv9qkxdawL", gs2_header);
    const Result<std::string> server_first = server.HandleClientFirst(client.ClientFirst());
    ASSERT_TRUE(server_first.ok()) << server_first.status().ToString();
    // The server's part of the nonce is 18 random bytes in base64: 24 characters.
    EXPECT_EQ(server_first->find("r=fyko+d2lbbFgONRv9qkxdawL"), 0u);
    EXPECT_EQ(server_first->find(",s="), 2 + 24 + 24) << *server_first;
    const Result<std::string> server_final =
        server.HandleClientFinal(client.ClientFinal(*server_first));
    ASSERT_TRUE(server_final.ok()) << server_final.status().ToString();
    EXPECT_EQ(*server_final, client.expected_server_final());
    EXPECT_TRUE(server.authenticated());
    EXPECT_EQ(server.user_name(), "alice");
  }
}

TEST(ScramSha256Test, TwoExchangesGetDifferentServerNonces) {
  ScramServer first("alice", RfcVerifier());
  ScramServer second("alice", RfcVerifier());
  const Result<std::string> first_reply = first.HandleClientFirst(kRfcClientFirst);
  const Result<std::string> second_reply = second.HandleClientFirst(kRfcClientFirst);
  ASSERT_TRUE(first_reply.ok());
  ASSERT_TRUE(second_reply.ok());
  EXPECT_NE(*first_reply, *second_reply);
}

TEST(ScramSha256Test, WrongPasswordFailsWith28P01) {
  ScramServer server("alice", RfcVerifier());
  TestScramClient client("not pencil", "clientnonce");
  const Result<std::string> server_first = server.HandleClientFirst(client.ClientFirst());
  ASSERT_TRUE(server_first.ok());
  const Result<std::string> server_final =
      server.HandleClientFinal(client.ClientFinal(*server_first));
  ASSERT_FALSE(server_final.ok());
  EXPECT_EQ(server_final.status().sqlstate(), "28P01");
  EXPECT_EQ(server_final.status().message(), "password authentication failed for user \"alice\"");
  EXPECT_FALSE(server.authenticated());
}

TEST(ScramSha256Test, UnknownUserGoesThroughTheExchangeAndFailsLikeAWrongPassword) {
  Result<ScramServer> server = ScramServer::ForUnknownUser("mallory", "server secret");
  ASSERT_TRUE(server.ok());
  TestScramClient client("any password", "clientnonce");
  const Result<std::string> server_first = server->HandleClientFirst(client.ClientFirst());
  ASSERT_TRUE(server_first.ok()) << server_first.status().ToString();
  // The salt offered is the mock verifier's, so it is stable across attempts.
  const Result<ScramVerifier> mock = ScramServer::MockVerifier("mallory", "server secret");
  ASSERT_TRUE(mock.ok());
  EXPECT_NE(server_first->find(",s=" + Encode(mock->salt) + ",i=4096"), std::string::npos);
  const Result<std::string> server_final =
      server->HandleClientFinal(client.ClientFinal(*server_first));
  ASSERT_FALSE(server_final.ok());
  EXPECT_EQ(server_final.status().sqlstate(), "28P01");
  EXPECT_EQ(server_final.status().message(), "password authentication failed for user \"mallory\"");
}

TEST(ScramSha256Test, MockVerifierIsDeterministicPerUserAndSecret) {
  const Result<ScramVerifier> first = ScramServer::MockVerifier("mallory", "secret");
  const Result<ScramVerifier> again = ScramServer::MockVerifier("mallory", "secret");
  const Result<ScramVerifier> other_user = ScramServer::MockVerifier("trudy", "secret");
  const Result<ScramVerifier> other_secret = ScramServer::MockVerifier("mallory", "other");
  const Result<ScramVerifier> empty_secret = ScramServer::MockVerifier("mallory", "");
  ASSERT_TRUE(first.ok() && again.ok() && other_user.ok() && other_secret.ok());
  ASSERT_TRUE(empty_secret.ok());
  EXPECT_EQ(*first, *again);
  EXPECT_NE(first->salt, other_user->salt);
  EXPECT_NE(first->salt, other_secret->salt);
  EXPECT_EQ(first->salt.size(), kScramSaltLength);
  EXPECT_EQ(first->stored_key.size(), kScramKeyLength);
  EXPECT_EQ(first->server_key.size(), kScramKeyLength);
  EXPECT_EQ(first->iterations, kDefaultScramIterations);
  // A mock verifier is well formed, so it also round-trips like a real one.
  EXPECT_EQ(*ParseScramVerifier(FormatScramVerifier(*first)), *first);
}

TEST(ScramSha256Test, ChannelBindingRequestIsRefusedAsMalformed) {
  ScramServer server = RfcServer();
  const Result<std::string> reply =
      server.HandleClientFirst("p=tls-server-end-point,,n=,r=rOprNGfwEbeRWgbNEkqO");
  ASSERT_FALSE(reply.ok());
  EXPECT_EQ(reply.status().sqlstate(), "08P01");
  EXPECT_EQ(reply.status().message(),
            "malformed SCRAM message: the client requires channel binding "
            "(\"p=tls-server-end-point\"), but the selected mechanism SCRAM-SHA-256 has none");
}

TEST(ScramSha256Test, MalformedClientFirstMessagesFailCleanly) {
  const struct {
    std::string_view client_first;
    std::string_view sqlstate;
    std::string_view message;
  } cases[] = {
      {"", "08P01", "malformed SCRAM message: client-first-message is empty"},
      {"x,,n=,r=abc", "08P01",
       "malformed SCRAM message: unexpected channel-binding flag \"x\" in client-first-message"},
      {"n", "08P01",
       "malformed SCRAM message: expected \",\" after the channel-binding flag in "
       "client-first-message"},
      {"n,n=,r=abc", "08P01",
       "malformed SCRAM message: expected \",\" to end the gs2 header of client-first-message"},
      {"n,a=admin,n=,r=abc", "0A000",
       "client uses authorization identity, but it is not supported"},
      {"n,,m=ext,n=,r=abc", "0A000", "client requires an unsupported SCRAM extension"},
      {"n,,r=abc", "08P01",
       "malformed SCRAM message: expected attribute \"n\" (the user name) in "
       "client-first-message"},
      {"n,,n=user", "08P01",
       "malformed SCRAM message: expected attribute \"r\" (the nonce) in client-first-message"},
      {"n,,n=user,s=abc", "08P01",
       "malformed SCRAM message: expected attribute \"r\" (the nonce) in client-first-message"},
      {"n,,n=user,r=", "08P01",
       "malformed SCRAM message: the client nonce is empty or has characters other than "
       "printable ASCII"},
      {std::string_view("n,,n=user,r=ab\x01", 15), "08P01",
       "malformed SCRAM message: the client nonce is empty or has characters other than "
       "printable ASCII"},
      {"n,,n=user,r=abc,garbage", "08P01",
       "malformed SCRAM message: expected an attribute, not \"garbage\", in client-first-message"},
  };
  for (const auto& c : cases) {
    ScramServer server = RfcServer();
    const Result<std::string> reply = server.HandleClientFirst(c.client_first);
    ASSERT_FALSE(reply.ok()) << c.client_first;
    EXPECT_EQ(reply.status().sqlstate(), c.sqlstate) << c.client_first;
    EXPECT_EQ(reply.status().message(), c.message) << c.client_first;
    // The exchange is over: client-final is refused too.
    const Result<std::string> after = server.HandleClientFinal(kRfcClientFinal);
    ASSERT_FALSE(after.ok());
    EXPECT_EQ(after.status().sqlstate(), "08P01");
  }
}

TEST(ScramSha256Test, ExtensionsAfterTheNonceAreIgnored) {
  ScramServer server = RfcServer();
  const Result<std::string> reply = server.HandleClientFirst("n,,n=user,r=abc,x=future");
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->rfind("r=abc%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,", 0), 0u) << *reply;
}

TEST(ScramSha256Test, MalformedClientFinalMessagesFailCleanly) {
  const std::string nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
  const std::string proof = "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
  const struct {
    std::string client_final;
    std::string_view message;
  } cases[] = {
      {"",
       "malformed SCRAM message: expected attribute \"c\" (channel binding) in "
       "client-final-message"},
      {"r=" + nonce + "," + proof,
       "malformed SCRAM message: expected attribute \"c\" (channel binding) in "
       "client-final-message"},
      {"c=biws," + proof,
       "malformed SCRAM message: expected attribute \"r\" (the nonce) in client-final-message"},
      {"c=biws,r=" + nonce,
       "malformed SCRAM message: expected attribute \"p\" (the proof) at the end of "
       "client-final-message"},
      {"c=biws,r=" + nonce + "," + proof + ",x=trailing",
       "malformed SCRAM message: expected attribute \"p\" (the proof) at the end of "
       "client-final-message"},
      {"c=biws,r=" + nonce + ",junk," + proof,
       "malformed SCRAM message: expected an attribute, not \"junk\", in client-final-message"},
      {"c=eSws,r=" + nonce + "," + proof,
       "malformed SCRAM message: unexpected channel-binding attribute \"c=eSws\" in "
       "client-final-message"},
      {"c=bi*s,r=" + nonce + "," + proof,
       "malformed SCRAM message: unexpected channel-binding attribute \"c=bi*s\" in "
       "client-final-message"},
      {"c=biws,r=rOprNGfwEbeRWgbNEkqO%wrong," + proof,
       "malformed SCRAM message: the nonce in client-final-message does not match the one sent"},
      {"c=biws,r=rOprNGfwEbeRWgbNEkqO," + proof,
       "malformed SCRAM message: the nonce in client-final-message does not match the one sent"},
      {"c=biws,r=" + nonce + ",p=not*base64",
       "malformed SCRAM message: the proof in client-final-message is not 32 bytes in base64"},
      {"c=biws,r=" + nonce + ",p=c2hvcnQ=",
       "malformed SCRAM message: the proof in client-final-message is not 32 bytes in base64"},
  };
  for (const auto& c : cases) {
    const Status status = ClientFinalError(kRfcClientFirst, c.client_final);
    EXPECT_EQ(status.sqlstate(), "08P01") << c.client_final;
    EXPECT_EQ(status.message(), c.message) << c.client_final;
  }
}

TEST(ScramSha256Test, MessagesOutOfOrderAreRefused) {
  ScramServer early = RfcServer();
  const Result<std::string> final_first = early.HandleClientFinal(kRfcClientFinal);
  ASSERT_FALSE(final_first.ok());
  EXPECT_EQ(final_first.status().sqlstate(), "08P01");
  EXPECT_EQ(final_first.status().message(),
            "malformed SCRAM message: client-final-message received when it was not expected");

  ScramServer twice = RfcServer();
  ASSERT_TRUE(twice.HandleClientFirst(kRfcClientFirst).ok());
  const Result<std::string> again = twice.HandleClientFirst(kRfcClientFirst);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().message(),
            "malformed SCRAM message: client-first-message received when it was not expected");

  ScramServer done = RfcServer();
  ASSERT_TRUE(done.HandleClientFirst(kRfcClientFirst).ok());
  ASSERT_TRUE(done.HandleClientFinal(kRfcClientFinal).ok());
  EXPECT_FALSE(done.HandleClientFinal(kRfcClientFinal).ok());
  // Any misuse ends the exchange, even after success, so a confused caller fails closed.
  EXPECT_FALSE(done.authenticated());
}

TEST(ScramSha256Test, WrongPasswordAfterAFailedExchangeCannotBeRetried) {
  ScramServer server("alice", RfcVerifier());
  TestScramClient wrong("wrong", "nonce1");
  const Result<std::string> server_first = server.HandleClientFirst(wrong.ClientFirst());
  ASSERT_TRUE(server_first.ok());
  EXPECT_FALSE(server.HandleClientFinal(wrong.ClientFinal(*server_first)).ok());
  TestScramClient right(std::string(kRfcPassword), "nonce2");
  EXPECT_FALSE(server.HandleClientFirst(right.ClientFirst()).ok());
}

}  // namespace
}  // namespace boyodb::security
