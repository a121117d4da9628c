//! Give memory freed by a finished piece of work back to the system.

/// Return the heap memory freed so far to the system (glibc keeps what a thread freed in
/// that thread's arena otherwise, so the reader's resident size would stay at the peak
/// of the background update long after it ended).
pub fn give_back_freed() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only releases free pages of glibc's own arenas; it takes no
        // pointer and is safe to call from any thread at any time.
        unsafe {
            malloc_trim(0);
        }
    }
}
