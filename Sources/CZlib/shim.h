#ifndef CTRIAGE_CZLIB_SHIM_H
#define CTRIAGE_CZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 and deflateInit2 are macros in zlib.h, which Swift cannot call.
static inline int ctriage_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

static inline int ctriage_deflateInit2(z_streamp stream, int level, int method,
                                       int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, method, windowBits, memLevel, strategy);
}
#endif
