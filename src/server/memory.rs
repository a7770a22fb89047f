//! Giving memory back to the system after bulk work. glibc's allocator keeps the memory a
//! program frees (in every thread's arena) for its next allocations; after an index build, a
//! full-text index sync or the re-extraction of a big open note, which allocate and free
//! hundreds of megabytes on many threads, that kept memory would stay in the server's RSS for
//! good. Fewer arenas keep less of it between trims: the server's work runs on blocking threads
//! that come and go, and each new thread would otherwise take an arena of its own (up to eight
//! per core), each holding the free memory of the work it last did.

/// An open note at least this long (bytes) is big: its re-extraction allocates and frees tens of
/// megabytes, worth giving back at once.
pub(super) const BIG_NOTE: usize = 256 * 1024;

/// Caps the allocator's arenas at one per core (glibc on Linux; elsewhere nothing). Called once,
/// before the server starts its threads.
pub(super) fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let cores = libc::c_int::try_from(cores).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only sets an allocator parameter; M_ARENA_MAX takes any positive count.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, cores);
        }
    }
}

/// Returns the free pages of every allocator arena to the system (glibc on Linux; elsewhere the
/// allocator does this itself, and this does nothing). Takes a few milliseconds: call it after
/// bulk work, never per request.
pub(super) fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases pages that the allocator holds free; it takes the
    // allocator's own locks and is safe to call from any thread at any time.
    unsafe {
        libc::malloc_trim(0);
    }
}
