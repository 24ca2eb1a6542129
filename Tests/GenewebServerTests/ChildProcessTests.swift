import Foundation
import GenewebProcesses
import Testing

/// The children the server (upload checks) and the tests (the built binary, peers) start.
@Suite("Child processes")
struct ChildProcessTests {
    @Test("input, output and the exit code come through")
    func inputOutputExit() async throws {
        let (termination, output) = try await ChildProcess.run(
            executable: "/bin/sh", arguments: ["-c", "read line; echo \"got $line\"; echo oops >&2; exit 3"], input: .bytes(Array("hello\n".utf8)))
        #expect(termination == .exited(3))
        #expect(output == "got hello\noops\n")
    }

    @Test("a child ended by a signal says which")
    func signalled() async throws {
        let child = try ChildProcess(executable: "/bin/sleep", arguments: ["30"], environment: [:])
        #expect(child.isRunning)
        child.send(SIGTERM)
        #expect(await child.waitForExit() == .signalled(SIGTERM))
        #expect(!child.isRunning)
        child.send(SIGKILL)  // reaped: nothing is sent to a number that may be another's now
    }

    @Test("the child holds only its three standard descriptors, however many are open here")
    func descriptorsClosed() async throws {
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        // Past FD_SETSIZE (1,024) when the limit allows: where Foundation's Process crashed.
        let count = min(1_200, Int(limit.rlim_cur) - 200)
        let opened = (0..<max(0, count)).map { _ in open("/dev/null", O_RDONLY) }
        defer { for fd in opened where fd >= 0 { close(fd) } }
        #expect(opened.allSatisfy { $0 >= 0 })
        // `ls` itself holds one more: the directory it lists.
        let (termination, output) = try await ChildProcess.run(executable: "/bin/ls", arguments: ["/proc/self/fd"])
        #expect(termination == .exited(0))
        let listed = output.split(separator: "\n").compactMap { Int($0) }
        #expect(listed.count == 4, "descriptors in the child: \(listed)")
        #expect(Array(listed.prefix(3)) == [0, 1, 2])
    }

    @Test("the child starts with no signal ignored or blocked, whatever this process does")
    func signalsAtDefault() async throws {
        let (termination, output) = try await ChildProcess.run(executable: "/bin/grep", arguments: ["-E", "^Sig(Ign|Blk)", "/proc/self/status"])
        #expect(termination == .exited(0))
        let masks = output.split(separator: "\n").map { UInt64($0.split(separator: "\t").last ?? "", radix: 16) }
        #expect(masks.count == 2, "\(output)")
        #expect(masks.first == 0, "nothing ignored: \(output)")
        // Signals 1 to 31; glibc keeps its two internal real-time signals (32, 33) to itself.
        #expect(masks.last.map { ($0 ?? 1) & 0x7fff_ffff } == 0, "no standard signal blocked: \(output)")
    }

    @Test("a program that does not exist is an error, not a child")
    func missingProgram() {
        #expect(throws: ChildProcessError.self) {
            _ = try ChildProcess(executable: "/nonexistent/program", arguments: [], environment: [:])
        }
    }
}
