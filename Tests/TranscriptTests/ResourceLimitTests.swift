import Foundation
import Testing

/// Running out of memory or of file size is a located error, never an abort: `--memory-limit`
/// sets one budget for the session's values, and `ulimit -f` makes `np.save` fail with an OSError.
@Suite struct ResourceLimitTests {
    /// Programs that grow a value step by step past a 300 MB budget, with the line that must fail.
    static let growing: [(program: String, line: Int)] = [
        ("s = 'ab'\nfor i in range(40):\n    s = s + s\n", 3),
        ("l = [1, 2]\nfor i in range(40):\n    l = l + l\n", 3),
        ("l = [1, 2]\nfor i in range(40):\n    l.extend(l)\n", 3),
        ("l = [1, 2]\nfor i in range(40):\n    l += l\n", 3),
        ("s = ['abcdefgh'] * 1000\nfor i in range(40):\n    s = [''.join(s)] * 2\n", 3),
        ("parts = []\nfor i in range(1000):\n    parts.append('x' * 10000000)\n", 3),
        ("import numpy as np\narrays = []\nfor i in range(100):\n    arrays.append(np.ones((2000, 2000)))\n", 4),
        // float64 results carry their exact values (12 bytes an element), so 2300² arrays meet the budget on line 6.
        ("import numpy as np\na = np.ones((2300, 2300))\nb = a.copy()\nc = a + b\nd = a @ b\ne = [a * 2, b * 2]\n", 6),
        (
            // 20 million float64 zeros (240 MB with their exact values) fit; the fit's copies do not.
            "import numpy as np\nx = np.zeros((20000000, 1))\nm = Sequential([Dense(1)])\nm.compile(loss='mse')\n"
                + "m.fit(x, x, epochs=1, verbose=0)\n", 5
        ),
    ]

    @Test(arguments: 0..<ResourceLimitTests.growing.count)
    func growingPastTheBudgetIsAMemoryError(_ index: Int) throws {
        let (program, line) = ResourceLimitTests.growing[index]
        let result = try NNProcess.run(["--memory-limit", "300M", "-"], input: program)
        #expect(result.status == 1, "\(result.error)")
        #expect(result.error.contains("MemoryError: this needs"), "\(result.error)")
        #expect(result.error.contains("past the memory limit of 300 MB"))
        #expect(result.error.contains("--> <stdin>:\(line):"), "\(result.error)")
    }

    @Test func theREPLKeepsItsVariablesAfterAMemoryError() throws {
        let input =
            "import numpy as np\nx = 42\nbig = np.ones((3000, 3000))\nbig = np.ones((30000, 3000))\n"
            + "print(x, big.shape)\n"
        let result = try NNProcess.run(["--memory-limit", "300M"], input: input)
        #expect(result.output.contains("42 (3000, 3000)"), "\(result.output)")
        #expect((result.output + result.error).contains("MemoryError"))
    }

    @Test func theLimitIsShownAndChecked() throws {
        let help = try NNProcess.run(["--help"])
        #expect(help.output.contains("--memory-limit <size>"))
        #expect(help.output.contains("half the physical memory"))
        let bad = try NNProcess.run(["--memory-limit", "lots", "-c", "print(1)"])
        #expect(bad.status != 0)
        #expect(bad.error.contains("--memory-limit"))
        for size in ["2G", "512M", "1.5GB", "1000000000"] {
            let good = try NNProcess.run(["--memory-limit", size, "-c", "print(1)"])
            #expect(good.output == "1\n", "\(size): \(good.error)")
        }
    }

    @Test func aFileSizeLimitMakesSaveAnOSError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-fsize-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let program = "import numpy as np\nnp.save('big.npy', np.ones(100000))\nprint('not reached')\n"
        try program.write(to: folder.appendingPathComponent("save.nn"), atomically: false, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f 10; exec \"$0\" save.nn", NNProcess.executable.path]
        process.currentDirectoryURL = folder
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        let error = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(error.contains("OSError: [Errno 27] File too large: 'big.npy'"), "\(error)")
        #expect(error.contains("--> save.nn:2:1"))
    }

    /// A text file read whole asks the memory budget first; a write past `ulimit -f` is an OSError.
    @Test func fileReadsAndWritesRespectTheLimits() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnlab-textfile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.txt")
        try Data(repeating: 97, count: 30_000_000).write(to: big)
        let read = try NNProcess.run(
            ["--memory-limit", "20M", "-"], input: "x = 1\nwith open('\(big.path)') as f:\n    s = f.read()\n")
        #expect(read.status == 1)
        #expect(read.error.contains("MemoryError: this needs"), "\(read.error)")
        #expect(read.error.contains("--> <stdin>:3:"), "\(read.error)")

        let program = "f = open('out.txt', 'w')\nfor i in range(1000):\n    f.write('x' * 1000)\nprint('not reached')\n"
        try Data(program.utf8).write(to: folder.appendingPathComponent("write.nn"))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f 10; exec \"$0\" write.nn", NNProcess.executable.path]
        process.currentDirectoryURL = folder
        let stderr = Pipe()
        process.standardError = stderr
        process.standardOutput = Pipe()
        try process.run()
        let error = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 1)
        #expect(error.contains("OSError: [Errno 27] File too large: 'out.txt'"), "\(error)")
        #expect(error.contains("--> write.nn:3:5"), "\(error)")
    }
}
