import NIOCore

/// Runs Swift tasks on one NIO event loop: the loop that also owns the session's socket.
///
/// The driver and the socket reader prefer this executor, so a server frame goes from the socket to
/// stdout, and a client frame from the driver to the socket, without waking another thread: each
/// cross-thread wake-up costs tens of microseconds at the median and far more at the tail on a busy
/// machine. WSClient's handler actor follows the task's preference too (default actors run on the
/// preferred task executor), and NIO writes directly when it is already on the channel's loop.
final class EventLoopTaskExecutor: TaskExecutor {
    /// The loop jobs run on.
    let loop: any EventLoop

    init(loop: any EventLoop) {
        self.loop = loop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
