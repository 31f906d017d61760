#ifndef CTRIAGE_CLIBPQ_SHIM_H
#define CTRIAGE_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#include <poll.h>
// The client waits on libpq sockets with epoll; Swift's Glibc module does not export these headers.
#include <sys/epoll.h>
#include <sys/eventfd.h>
#endif
