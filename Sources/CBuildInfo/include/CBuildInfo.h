#ifndef GEMINI_LIVE_CBUILDINFO_H
#define GEMINI_LIVE_CBUILDINFO_H

/// The git commit the binary was built from ("" when it was built without `make`, which writes it).
const char *gemini_live_build_commit(void);

#endif
