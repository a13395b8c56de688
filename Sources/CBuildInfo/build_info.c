// The commit is compiled in from a header that `make` writes into .build/build-info before each build (only
// when the commit changed, so a rebuild recompiles this file alone); a plain `swift build` has no header and
// reports no commit rather than a wrong one.
#include "CBuildInfo.h"

#if __has_include("gemini_live_build_commit.h")
#include "gemini_live_build_commit.h"
#endif

#ifndef GEMINI_LIVE_BUILD_COMMIT
#define GEMINI_LIVE_BUILD_COMMIT ""
#endif

const char *gemini_live_build_commit(void) { return GEMINI_LIVE_BUILD_COMMIT; }
