#ifndef CTRIAGE_CLIBPQ_SHIM_H
#define CTRIAGE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
#endif
