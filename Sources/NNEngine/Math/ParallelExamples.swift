import CBLAS
import Dispatch

/// Work split by example over the machine's cores, for the per-example loops of image layers
/// (im2col, col2im, pooling). Each example is computed by exactly one worker with the same code
/// as on one thread, so results are bit-identical and independent of the number of workers.
enum ParallelExamples {
    /// Cores to use; 1 runs everything on the calling thread.
    nonisolated(unsafe) static var workers: Int = max(1, Int(nn_blas_processors()))

    /// Calls `body` on disjoint ranges of `0..<count` that together cover it, in parallel when the
    /// batch holds at least `minimumWork` elements of work in all (`workPerExample` each).
    static func forEach(_ count: Int, workPerExample: Int, _ body: (Range<Int>) -> Void) {
        let minimumWork = 1 << 16
        let chunks = min(workers, count, max(1, count * max(workPerExample, 1) / minimumWork))
        guard chunks > 1 else {
            if count > 0 { body(0..<count) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let shared = UncheckedBox(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let start = count * chunk / chunks
                let end = count * (chunk + 1) / chunks
                if start < end { shared.value(start..<end) }
            }
        }
    }
}

/// A value handed to worker threads that only read it or write disjoint memory through it.
struct UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
