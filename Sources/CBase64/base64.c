// Vector base64 decoding: the nibble-table method of Muła and Lemire ("Faster Base64 Encoding and Decoding
// Using AVX2 Instructions", 2018). Each character's high and low nibble index two small tables whose AND is
// zero exactly for the 64 characters of the standard alphabet; a third table gives the offset that turns a
// character into its six-bit value; multiply-adds then pack four six-bit values into three bytes.
#include "CBase64.h"

#if defined(__x86_64__)
#include <immintrin.h>

__attribute__((target("ssse3"))) static size_t decode_ssse3(const uint8_t *text, size_t length, uint8_t *output) {
    const __m128i lut_lo = _mm_setr_epi8(
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m128i lut_hi = _mm_setr_epi8(
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    const __m128i lut_roll = _mm_setr_epi8(0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m128i mask_2f = _mm_set1_epi8(0x2F);
    const __m128i pack_pairs = _mm_set1_epi32(0x01400140);
    const __m128i pack_quads = _mm_set1_epi32(0x00011000);
    const __m128i order = _mm_setr_epi8(2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    size_t done = 0;
    while (done + 44 <= length) {
        __m128i in = _mm_loadu_si128((const __m128i *)(text + done));
        __m128i hi_nibbles = _mm_and_si128(_mm_srli_epi32(in, 4), mask_2f);
        __m128i lo_nibbles = _mm_and_si128(in, mask_2f);
        __m128i lo = _mm_shuffle_epi8(lut_lo, lo_nibbles);
        __m128i hi = _mm_shuffle_epi8(lut_hi, hi_nibbles);
        if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(lo, hi), _mm_setzero_si128())) != 0xFFFF) break;
        __m128i eq_2f = _mm_cmpeq_epi8(in, mask_2f);
        __m128i roll = _mm_shuffle_epi8(lut_roll, _mm_add_epi8(eq_2f, hi_nibbles));
        __m128i values = _mm_add_epi8(in, roll);
        __m128i pairs = _mm_maddubs_epi16(values, pack_pairs);
        __m128i quads = _mm_madd_epi16(pairs, pack_quads);
        _mm_storeu_si128((__m128i *)(output + done / 4 * 3), _mm_shuffle_epi8(quads, order));
        done += 16;
    }
    return done;
}

__attribute__((target("avx2"))) static size_t decode_avx2(const uint8_t *text, size_t length, uint8_t *output) {
    const __m256i lut_lo = _mm256_setr_epi8(
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A,
        0x15, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x11, 0x13, 0x1A, 0x1B, 0x1B, 0x1B, 0x1A);
    const __m256i lut_hi = _mm256_setr_epi8(
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10,
        0x10, 0x10, 0x01, 0x02, 0x04, 0x08, 0x04, 0x08, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x10);
    const __m256i lut_roll = _mm256_setr_epi8(
        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 16, 19, 4, -65, -65, -71, -71, 0, 0, 0, 0, 0, 0, 0, 0);
    const __m256i mask_2f = _mm256_set1_epi8(0x2F);
    const __m256i pack_pairs = _mm256_set1_epi32(0x01400140);
    const __m256i pack_quads = _mm256_set1_epi32(0x00011000);
    const __m256i order = _mm256_setr_epi8(
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1,
        2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, -1, -1, -1, -1);
    // Each 128-bit lane holds 12 bytes; these bring the two runs together.
    const __m256i lanes = _mm256_setr_epi32(0, 1, 2, 4, 5, 6, 3, 7);
    size_t done = 0;
    while (done + 44 <= length) {
        __m256i in = _mm256_loadu_si256((const __m256i *)(text + done));
        __m256i hi_nibbles = _mm256_and_si256(_mm256_srli_epi32(in, 4), mask_2f);
        __m256i lo_nibbles = _mm256_and_si256(in, mask_2f);
        __m256i lo = _mm256_shuffle_epi8(lut_lo, lo_nibbles);
        __m256i hi = _mm256_shuffle_epi8(lut_hi, hi_nibbles);
        if (!_mm256_testz_si256(lo, hi)) break;
        __m256i eq_2f = _mm256_cmpeq_epi8(in, mask_2f);
        __m256i roll = _mm256_shuffle_epi8(lut_roll, _mm256_add_epi8(eq_2f, hi_nibbles));
        __m256i values = _mm256_add_epi8(in, roll);
        __m256i pairs = _mm256_maddubs_epi16(values, pack_pairs);
        __m256i quads = _mm256_madd_epi16(pairs, pack_quads);
        __m256i packed = _mm256_permutevar8x32_epi32(_mm256_shuffle_epi8(quads, order), lanes);
        _mm256_storeu_si256((__m256i *)(output + done / 4 * 3), packed);
        done += 32;
    }
    // A last valid 16-character block, or the one after an invalid 32-character block's valid half.
    return done + decode_ssse3(text + done, length - done, output + done / 4 * 3);
}

size_t cbase64_decode_prefix(const uint8_t *text, size_t length, uint8_t *output) {
    // Found once; threads racing on the first call store the same value.
    static int level = -1;
    int found = __atomic_load_n(&level, __ATOMIC_RELAXED);
    if (found < 0) {
        __builtin_cpu_init();
        found = __builtin_cpu_supports("avx2") ? 2 : __builtin_cpu_supports("ssse3") ? 1 : 0;
        __atomic_store_n(&level, found, __ATOMIC_RELAXED);
    }
    switch (found) {
    case 2: return decode_avx2(text, length, output);
    case 1: return decode_ssse3(text, length, output);
    default: return 0;
    }
}

#else

size_t cbase64_decode_prefix(const uint8_t *text, size_t length, uint8_t *output) {
    (void)text;
    (void)length;
    (void)output;
    return 0;
}

#endif
