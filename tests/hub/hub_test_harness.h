#pragma once
// Forwards to the test-support library (tests/support); new code includes
// "hubgrowth/testsupport/fetch_harness.h" directly.
#include "hubgrowth/testsupport/fetch_harness.h"
