import Foundation
import Testing

/// `nn` on notebooks: every lesson survives lesson → notebook → run with its transcript unchanged;
/// `--check`, `--step` and files that are not notebooks.
@Suite struct NotebookCLITests {
    /// A folder for one test's notebooks, removed when the test ends.
    final class Folder {
        let url: URL
        init() throws {
            url = URL(fileURLWithPath: NSTemporaryDirectory())
                .appendingPathComponent("nnlab-notebooks-\(getpid())-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: url) }

        func write(_ text: String, _ name: String) throws -> String {
            let path = url.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: false, encoding: .utf8)
            return path
        }
    }

    static let lessons = TranscriptTests.scripts.filter { $0.folder == "lessons" && $0.arguments.isEmpty }

    @Test func everyLessonIsCovered() { #expect(NotebookCLITests.lessons.count >= 9) }

    @Test(arguments: NotebookCLITests.lessons)
    func aLessonAsANotebookPrintsTheLessonsTranscript(_ lesson: TranscriptTests.Script) throws {
        let converted = try NNProcess.run(["--to-notebook", "lessons/\(lesson.name)"])
        #expect(converted.status == 0 && converted.error.isEmpty, "\(converted.error)")
        #expect(converted.output.hasPrefix("{\n \"cells\": [\n"))
        #expect(converted.output.contains("\"nbformat_minor\": 5"))
        let folder = try Folder()
        let notebook = try folder.write(converted.output, lesson.name.replacingOccurrences(of: ".nn", with: ".ipynb"))
        let result = try NNProcess.run([notebook])
        let transcript =
            result.output + (result.error.isEmpty ? "" : "--- stderr ---\n" + result.error)
            + (result.status == 0 ? "" : "--- exit status \(result.status) ---\n")
        let expected = try String(contentsOf: lesson.transcript, encoding: .utf8)
        #expect(transcript == expected)
    }

    /// The fixture 152 was written by `%save` and validated by nbformat (scripts/validate_notebooks.py):
    /// the same session must write the same bytes.
    @Test func percentSaveWritesTheValidatedNotebook() throws {
        let folder = try Folder()
        let path = folder.url.appendingPathComponent("session.ipynb").path
        let session = [
            "import numpy as np", "X, y = make_xor(n_samples=40, random_state=0)", "X.shape",
            "model = Sequential([Dense(4, activation=\"relu\"), Dense(1, activation=\"sigmoid\")])",
            "model.compile(loss=\"binary_crossentropy\", optimizer=Adam(0.05), metrics=[\"accuracy\"])",
            "h = model.fit(X, y, epochs=3, batch_size=20)", "print(len(h.history[\"loss\"]), \"epochs\")",
            "np.round(model.predict(X[:3], verbose=0), 2)", "%save \(path)",
        ]
        let result = try NNProcess.run([], input: session.joined(separator: "\n") + "\n")
        #expect(result.status == 0)
        let fixture = NNProcess.root
            .appendingPathComponent("Tests/TranscriptTests/Scripts/152-notebook-saved-session.ipynb")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == String(contentsOf: fixture, encoding: .utf8))
    }

    @Test func checkReadsEveryCellAndNamesTheCell() throws {
        let ok = try NNProcess.run(["--check", "Tests/TranscriptTests/Scripts/151-notebook-xor.ipynb"])
        #expect(ok.output == "Tests/TranscriptTests/Scripts/151-notebook-xor.ipynb: no problems found\n")
        #expect(ok.status == 0)
        let bad = try NNProcess.run(["--check", "Tests/TranscriptTests/Scripts/150-notebook-middle-error.ipynb"])
        #expect(bad.status == 1)
        #expect(bad.output.isEmpty, "nothing runs")
        #expect(bad.error.contains("name 'totl' is not defined"))
        #expect(bad.error.contains("150-notebook-middle-error.ipynb, cell 3, line 3, column 8"))
    }

    @Test func whatIsNotANotebookIsAClearError() throws {
        let folder = try Folder()
        let cases: [(String, String)] = [
            ("{\"nbformat\": 4, \"cells\": [", "it is not valid JSON (it ends before its brackets and quotes close)"),
            (
                "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}",
                "it is nbformat 3, and NNLab reads nbformat 4"
            ),
            (
                "{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\"}]}",
                "the cell at position 1 in the file (code) has no \"source\""
            ),
            ("\u{FF}\u{FE}garbage\0", "it is not valid JSON"),
        ]
        for (index, (text, message)) in cases.enumerated() {
            let path = try folder.write(text, "bad\(index).ipynb")
            for arguments in [[path], ["--check", path]] {
                let result = try NNProcess.run(arguments)
                #expect(result.status == 1)
                #expect(result.output.isEmpty)
                let expected = "error: '\(path)' is not a notebook NNLab can read: \(message)"
                #expect(result.error.hasPrefix(expected), "\(result.error)")
            }
        }
        let missing = try NNProcess.run([folder.url.appendingPathComponent("missing.ipynb").path])
        #expect(missing.status == 1)
        #expect(missing.error.hasPrefix("nn: "))
    }

    @Test func stepShowsEachCodeCellAndWaits() throws {
        let path = "Tests/TranscriptTests/Scripts/150-notebook-middle-error.ipynb"
        let quit = try NNProcess.run(["--step", path], input: "\nq\n")
        #expect(quit.status == 0)
        #expect(quit.output.contains("In [1]:\n  %matplotlib inline\n  !pip install -q tensorflow\n"))
        #expect(quit.output.contains("In [2]:\n  X = np.random.rand(4, 2)\n  X.shape\n"))
        #expect(!quit.output.contains("\n(4, 2)\n"), "q before cell 2 ran")
        let all = try NNProcess.run(["--step", path], input: "c\n")
        #expect(all.output.contains("\n(4, 2)\n"))
        #expect(!all.output.contains("In [2]:"), "c runs to the end without asking again")
        #expect(all.status == 1)
    }
}
