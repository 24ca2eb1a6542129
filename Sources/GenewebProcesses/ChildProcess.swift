import CGenewebSpawn
import Foundation
import Glibc

/// A program run as a child of this process, started with `posix_spawn`.
///
/// Why not Foundation's `Process`: on Linux with Swift 6.3.1, `Process.run()` lists
/// `/proc/self/fd` by copying whole 256-byte `d_name` fields, reading past glibc's buffer; with
/// many descriptors open (a server under load, a test process with a thousand) it crashes with
/// SIGSEGV at random (swift-corelibs-foundation pull request 5472). Here the child closes every
/// descriptor but its three standard ones in one step (`addclosefrom_np`), nothing is listed.
///
/// The child starts with every signal at its default and none blocked, whatever this process
/// ignores or blocks, so `SIGTERM` reaches a server we start. One thread per child waits for it
/// (`waitpid`) and, when its output is read, one more reads it to the end.
public final class ChildProcess: Sendable {
    /// How the child ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)

        /// The exit code, or the number of the signal that ended it (Foundation's `terminationStatus`).
        public var status: Int32 {
            switch self {
            case .exited(let code), .signalled(let code): code
            }
        }
    }

    /// What the child reads on its standard input.
    public enum Input: Sendable {
        /// `/dev/null`: end of file at once.
        case nothing
        /// These bytes, then end of file (kept in an unlinked temporary file, so a child that
        /// never reads them cannot block us or raise `SIGPIPE` here).
        case bytes([UInt8])
    }

    public let processIdentifier: pid_t
    private let state = ChildState()

    /// Starts `executable` with `arguments` (without the program's name) and exactly `environment`.
    /// `output`, when given, receives the child's standard output and error, chunk by chunk, from
    /// another thread; otherwise both go to `/dev/null`.
    public init(
        executable: String, arguments: [String], environment: [String: String], currentDirectory: String? = nil,
        input: Input = .nothing, output: (@Sendable ([UInt8]) -> Void)? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        try Self.check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        try Self.check(posix_spawnattr_init(&attributes), "posix_spawnattr_init")
        defer { posix_spawnattr_destroy(&attributes) }

        var everySignal = sigset_t()
        sigfillset(&everySignal)
        var noSignal = sigset_t()
        sigemptyset(&noSignal)
        try Self.check(posix_spawnattr_setsigdefault(&attributes, &everySignal), "posix_spawnattr_setsigdefault")
        try Self.check(posix_spawnattr_setsigmask(&attributes, &noSignal), "posix_spawnattr_setsigmask")
        try Self.check(posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)), "posix_spawnattr_setflags")

        // Descriptors this process holds only until the child has its copies.
        var ours: [Int32] = []
        defer { for fd in ours { close(fd) } }

        switch input {
        case .nothing:
            try Self.check(posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0), "addopen stdin")
        case .bytes(let bytes):
            let fd = try Self.unlinkedFile(holding: bytes)
            ours.append(fd)
            try Self.check(posix_spawn_file_actions_adddup2(&actions, fd, 0), "adddup2 stdin")
        }

        var readEnd: Int32 = -1
        if output != nil {
            var ends: [Int32] = [-1, -1]
            guard geneweb_pipe_cloexec(&ends) == 0 else { throw ChildProcessError.system("pipe2", errno) }
            readEnd = ends[0]
            // Ours until the reader thread takes it, below.
            ours.append(contentsOf: ends)
            try Self.check(posix_spawn_file_actions_adddup2(&actions, ends[1], 1), "adddup2 stdout")
            try Self.check(posix_spawn_file_actions_adddup2(&actions, ends[1], 2), "adddup2 stderr")
        } else {
            try Self.check(posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0), "addopen stdout")
            try Self.check(posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0), "addopen stderr")
        }
        try Self.check(geneweb_spawn_add_closefrom(&actions, 3), "addclosefrom")
        if let currentDirectory {
            try Self.check(geneweb_spawn_add_chdir(&actions, currentDirectory), "addchdir")
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw ChildProcessError.system("posix_spawn \(executable)", spawned) }
        processIdentifier = pid
        ours.removeAll { $0 == readEnd }

        let state = self.state
        let child = pid
        let outputEnd = readEnd
        let outputRead = DispatchSemaphore(value: 0)
        if let output {
            Thread.detachNewThread {
                Self.readToEnd(outputEnd, into: output)
                outputRead.signal()
            }
        } else {
            outputRead.signal()
        }
        Thread.detachNewThread {
            // Seen ended but not reaped yet, so its number stays its own until `send` can no
            // longer use it.
            let termination = Self.waitForChild(child) { state.reaped() }
            // Hand the output over before saying the child ended; a grandchild that kept the
            // pipe open must not hold the end back for more than a moment.
            _ = outputRead.wait(timeout: .now() + 2)
            state.finish(termination)
        }
    }

    /// How the child ended, or nil while it runs.
    public var termination: Termination? { state.termination }

    /// False as soon as the child has ended, perhaps before its last output is handed over.
    public var isRunning: Bool { !state.isReaped }

    /// Sends `signal` unless the child has already been reaped (its number may then be another's).
    public func send(_ signal: Int32) {
        state.whileRunning { kill(processIdentifier, signal) }
    }

    /// Suspends until the child ends and its output has been read (or, when a grandchild keeps
    /// the output open, 2 s after the child ended).
    public func waitForExit() async -> Termination {
        await state.ended()
    }

    /// Blocks the calling thread until the child ends; for synchronous callers only.
    public func waitForExitBlocking() -> Termination {
        state.endedBlocking()
    }

    /// Runs a program to its end and returns how it ended with everything it printed.
    public static func run(
        executable: String, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
        currentDirectory: String? = nil, input: Input = .nothing
    ) async throws -> (termination: Termination, output: String) {
        let collected = CollectedOutput()
        let child = try ChildProcess(
            executable: executable, arguments: arguments, environment: environment, currentDirectory: currentDirectory, input: input,
            output: { collected.append($0) })
        let termination = await child.waitForExit()
        return (termination, collected.text)
    }

    private static func check(_ result: Int32, _ what: String) throws {
        guard result == 0 else { throw ChildProcessError.system(what, result) }
    }

    private static func unlinkedFile(holding bytes: [UInt8]) throws -> Int32 {
        var template = Array("\(NSTemporaryDirectory())/geneweb-input-XXXXXX".utf8CString)
        let fd = geneweb_mkstemp_cloexec(&template)
        guard fd >= 0 else { throw ChildProcessError.system("mkostemp", errno) }
        unlink(template)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let failure = errno
                close(fd)
                throw ChildProcessError.system("write", failure)
            }
            written += count
        }
        lseek(fd, 0, SEEK_SET)
        return fd
    }

    private static func readToEnd(_ fd: Int32, into output: @Sendable ([UInt8]) -> Void) {
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                output(Array(buffer[0..<count]))
            } else if count < 0, errno == EINTR {
                continue
            } else {
                return
            }
        }
    }

    /// Waits for the child to end, calls `ended` while it is still a zombie (its number not
    /// free yet), then reaps it.
    private static func waitForChild(_ pid: pid_t, ended: () -> Void) -> Termination {
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) < 0 {
            if errno != EINTR { break }
        }
        ended()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return .exited(-1) }
        }
        // WIFEXITED / WTERMSIG by hand: Swift does not import the C macros.
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }
}

public enum ChildProcessError: Error, CustomStringConvertible {
    case system(String, Int32)

    public var description: String {
        switch self {
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        }
    }
}

/// The child's end, shared by the waiting thread and whoever waits for it.
private final class ChildState: @unchecked Sendable {
    private let condition = NSCondition()
    private var result: ChildProcess.Termination?
    private var gone = false
    private var waiters: [CheckedContinuation<ChildProcess.Termination, Never>] = []

    var termination: ChildProcess.Termination? {
        condition.lock()
        defer { condition.unlock() }
        return result
    }

    var isReaped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return gone
    }

    /// The child's number is free for reuse from now on: no signal may be sent to it.
    func reaped() {
        condition.lock()
        defer { condition.unlock() }
        gone = true
    }

    func whileRunning(_ body: () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        if !gone { body() }
    }

    func finish(_ termination: ChildProcess.Termination) {
        condition.lock()
        result = termination
        let resumed = waiters
        waiters = []
        condition.broadcast()
        condition.unlock()
        for waiter in resumed { waiter.resume(returning: termination) }
    }

    func ended() async -> ChildProcess.Termination {
        await withCheckedContinuation { continuation in
            condition.lock()
            if let result {
                condition.unlock()
                continuation.resume(returning: result)
            } else {
                waiters.append(continuation)
                condition.unlock()
            }
        }
    }

    func endedBlocking() -> ChildProcess.Termination {
        condition.lock()
        defer { condition.unlock() }
        while result == nil { condition.wait() }
        return result!
    }
}

/// Output gathered from another thread.
public final class CollectedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []

    public init() {}

    public func append(_ chunk: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        bytes.append(contentsOf: chunk)
    }

    public var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: bytes, as: UTF8.self)
    }
}
