#pragma once
// Forwards to the test-support library (tests/support); new code includes
// "hubgrowth/testsupport/cli_runner.h" directly.
#include "hubgrowth/testsupport/cli_runner.h"
