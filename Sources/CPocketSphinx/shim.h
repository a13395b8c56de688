#include <pocketsphinx.h>

/// Creates a decoder for the given model paths with logging silenced (cmd_ln_init is variadic, so Swift cannot call it).
static inline ps_decoder_t *gl_ps_create(const char *hmm, const char *lm, const char *dict) {
    cmd_ln_t *config = cmd_ln_init(NULL, ps_args(), TRUE, "-hmm", hmm, "-lm", lm, "-dict", dict, "-logfn", "/dev/null",
                                   NULL);
    if (config == NULL) return NULL;
    ps_decoder_t *decoder = ps_init(config);
    cmd_ln_free_r(config);
    return decoder;
}
