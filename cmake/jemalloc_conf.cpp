// Read by jemalloc at start-up (every executable that links adv_allocator).
// jemalloc's default decay purges freed pages a few seconds after free; a
// training or sampling loop frees and re-allocates the same large activation
// buffers every step, so they were page-faulted back in each time (measured on
// a train-base smoke run: 109 s -> 78 s wall, system time 58 s -> 2.5 s).
// Never purging keeps the peak resident; the buffers are reused instead.
extern "C" {
// A definition with C linkage (the braced form: no "initialized and declared extern" warning).
const char* malloc_conf = "dirty_decay_ms:-1,muzzy_decay_ms:-1";
}
