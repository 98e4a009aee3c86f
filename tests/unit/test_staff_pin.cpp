// StaffPin over a real ResponseStore (its settings table), so restarts are real reopens.
#include <doctest/doctest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "core/response_store.h"
#include "core/staff_pin.h"

using namespace kiosk;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPin = "482913";
constexpr const char* kWrongPin = "111111";

struct PinFixture {
  std::string dir;
  ManualClock clock;
  std::unique_ptr<ResponseStore> store;

  PinFixture() {
    char pattern[] = "/tmp/kiosk-pin-test-XXXXXX";
    const char* made = mkdtemp(pattern);
    REQUIRE(made != nullptr);
    dir = made;
    reopen();
  }
  ~PinFixture() {
    store.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
  PinFixture(const PinFixture&) = delete;
  PinFixture& operator=(const PinFixture&) = delete;

  // What a kiosk restart does: a new connection over the same file.
  void reopen() {
    store.reset();
    store = ResponseStore::open(dir + "/responses.db", clock);
    REQUIRE(store->health() == StoreHealth::Ok);
  }
};

void use_up_tries(StaffPin& pin) {
  for (int i = 1; i < StaffPin::kMaxTries; ++i) REQUIRE(pin.check(kWrongPin).outcome == StaffPin::Outcome::Wrong);
  REQUIRE(pin.check(kWrongPin).outcome == StaffPin::Outcome::LockedOut);
}

}  // namespace

TEST_CASE("StaffPin: is_valid_pin accepts 4 to 8 ASCII digits only") {
  for (const char* good : {"0000", "1234", "12345678"}) CHECK(StaffPin::is_valid_pin(good));
  for (const char* bad : {"", "123", "123456789", "12a4", " 1234", "1234 ", "12-4", "١٢٣٤"})
    CHECK_FALSE(StaffPin::is_valid_pin(bad));
}

TEST_CASE("StaffPin: with no PIN set, check says NotSet") {
  PinFixture f;
  StaffPin pin(*f.store, f.clock);
  CHECK_FALSE(pin.is_set());
  CHECK(pin.check(kPin).outcome == StaffPin::Outcome::NotSet);
  CHECK(pin.locked_for_ms() == 0);
}

TEST_CASE("StaffPin: set refuses invalid PINs and changes nothing") {
  PinFixture f;
  StaffPin pin(*f.store, f.clock);
  CHECK_FALSE(pin.set("12"));
  CHECK_FALSE(pin.is_set());
  REQUIRE(pin.set(kPin));
  CHECK_FALSE(pin.set("abcd"));
  CHECK_FALSE(pin.set("123456789"));
  CHECK(pin.check(kPin).outcome == StaffPin::Outcome::Accepted);
}

TEST_CASE("StaffPin: only an Argon2id hash is stored, never the PIN") {
  PinFixture f;
  StaffPin pin(*f.store, f.clock);
  REQUIRE(pin.set(kPin));
  CHECK(pin.is_set());
  const auto hash = f.store->get_setting("staff_pin_hash");
  REQUIRE(hash);
  CHECK(hash->rfind("$argon2id$", 0) == 0);
  CHECK(hash->find(kPin) == std::string::npos);
}

TEST_CASE("StaffPin: wrong tries count down and the right PIN resets them") {
  PinFixture f;
  StaffPin pin(*f.store, f.clock);
  REQUIRE(pin.set(kPin));

  auto result = pin.check(kPin);
  CHECK(result.outcome == StaffPin::Outcome::Accepted);
  CHECK(result.tries_left == StaffPin::kMaxTries);

  result = pin.check(kWrongPin);
  CHECK(result.outcome == StaffPin::Outcome::Wrong);
  CHECK(result.tries_left == 4);
  result = pin.check("not digits");
  CHECK(result.outcome == StaffPin::Outcome::Wrong);
  CHECK(result.tries_left == 3);

  CHECK(pin.check(kPin).outcome == StaffPin::Outcome::Accepted);
  CHECK(pin.check(kWrongPin).tries_left == 4);
}

TEST_CASE("StaffPin: five wrong tries lock the pad for five minutes, even for the right PIN") {
  PinFixture f;
  StaffPin pin(*f.store, f.clock);
  REQUIRE(pin.set(kPin));
  for (int left = 4; left >= 1; --left) CHECK(pin.check(kWrongPin).tries_left == left);

  auto result = pin.check(kWrongPin);
  CHECK(result.outcome == StaffPin::Outcome::LockedOut);
  CHECK(result.tries_left == 0);
  CHECK(result.locked_for_ms == StaffPin::kLockoutMs);

  f.clock.advance_ms(StaffPin::kLockoutMs - 1);
  result = pin.check(kPin);
  CHECK(result.outcome == StaffPin::Outcome::LockedOut);
  CHECK(result.locked_for_ms == 1);
  CHECK(pin.locked_for_ms() == 1);

  f.clock.advance_ms(1);
  CHECK(pin.locked_for_ms() == 0);
  CHECK(pin.check(kWrongPin).tries_left == 4);  // a fresh set of tries
  CHECK(pin.check(kPin).outcome == StaffPin::Outcome::Accepted);
}

TEST_CASE("StaffPin: a lockout survives a restart") {
  PinFixture f;
  {
    StaffPin pin(*f.store, f.clock);
    REQUIRE(pin.set(kPin));
    use_up_tries(pin);
  }
  f.clock.advance_ms(60'000);
  f.reopen();
  StaffPin pin(*f.store, f.clock);
  const auto result = pin.check(kPin);
  CHECK(result.outcome == StaffPin::Outcome::LockedOut);
  CHECK(result.locked_for_ms == StaffPin::kLockoutMs - 60'000);

  f.clock.advance_ms(StaffPin::kLockoutMs - 60'000);
  CHECK(pin.check(kPin).outcome == StaffPin::Outcome::Accepted);
}

TEST_CASE("StaffPin: setting the wall clock back never lengthens a lockout past five minutes") {
  PinFixture f;
  StaffPin pin(*f.store, f.clock);
  REQUIRE(pin.set(kPin));
  use_up_tries(pin);

  f.clock.advance_ms(-24LL * 60 * 60 * 1000);
  CHECK(pin.locked_for_ms() == StaffPin::kLockoutMs);
  f.clock.advance_ms(StaffPin::kLockoutMs);
  CHECK(pin.check(kPin).outcome == StaffPin::Outcome::Accepted);
}
