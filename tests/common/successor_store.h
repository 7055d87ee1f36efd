#pragma once
// Forwards to the test-support library (tests/support); new code includes
// "hubgrowth/testsupport/successor_store.h" directly.
#include "hubgrowth/testsupport/successor_store.h"
