// ZeroMQ for NNLab's Jupyter kernel (Debian's libzmq3-dev). libzmq's C API has no variadic calls,
// so Swift uses it directly; this header only brings it in.
#ifndef NNLAB_CZMQ_SHIM_H
#define NNLAB_CZMQ_SHIM_H

#include <zmq.h>

#endif
