#pragma once
// Forwards to the test-support library (tests/support); new code includes
// "hubgrowth/testsupport/reference_data.h" directly.
#include "hubgrowth/testsupport/reference_data.h"
