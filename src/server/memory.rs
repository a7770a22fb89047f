//! Giving memory back to the system after bulk work. glibc's allocator keeps the memory a
//! program frees (in every thread's arena) for its next allocations; after an index build or a
//! full-text index sync, which allocate and free hundreds of megabytes on many threads, that
//! kept memory would stay in the server's RSS for good.

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
