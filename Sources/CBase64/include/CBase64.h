#ifndef CBASE64_H
#define CBASE64_H

#include <stddef.h>
#include <stdint.h>

/// Decodes standard-alphabet base64 (no padding, no line breaks) from the start of `text` with the
/// processor's vector instructions (AVX2 or SSSE3 on x86-64), a block of 32 or 16 characters at a time,
/// while each block is valid and at least 44 characters remain from its start, so the block's wide store
/// stays inside the room a caller keeps for all of `length` characters ((length + 3) / 4 * 3 bytes).
///
/// Returns how many characters it decoded, a multiple of 16 (0 where no vector unit is available); their
/// bytes are at `output`, three for every four characters. The caller decodes the rest, and names any bad
/// character, its own way.
size_t cbase64_decode_prefix(const uint8_t *text, size_t length, uint8_t *output);

#endif
