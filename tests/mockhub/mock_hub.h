#pragma once
// Forwards to the test-support library (tests/support); new code includes
// "hubgrowth/testsupport/mock_hub.h" directly.
#include "hubgrowth/testsupport/mock_hub.h"
