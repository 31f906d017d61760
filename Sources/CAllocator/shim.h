#ifndef CTRIAGE_CALLOCATOR_SHIM_H
#define CTRIAGE_CALLOCATOR_SHIM_H
// glibc's allocator tuning (mallopt), which the Glibc module does not export.
#include <malloc.h>
#endif
