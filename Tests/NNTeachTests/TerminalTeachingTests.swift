import NNEngine
import NNLang
import Testing

@testable import NNTeach

/// The terminal teacher as the interpreter's listener: the watcher on every fit, quiet ones too.
@Suite struct TerminalTeachingTests {
    /// Inputs that say nothing: only the bias can learn, and balanced labels keep the loss at ln 2.
    static let stuck = """
        import numpy as np
        X = np.zeros((32, 2))
        y = np.array([0, 1] * 16)
        model = Sequential([Dense(1, activation='sigmoid')])
        model.compile(loss='binary_crossentropy', optimizer=SGD(learning_rate=0.1))

        """

    func run(_ code: String, override: ExplainLevel? = nil) throws -> String {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        interpreter.explainLevel = override ?? .epoch
        interpreter.teaching = TerminalTeaching(style: .plain, narration: true, override: override, pauses: false) {
            output.write($0)
        }
        try interpreter.run(SourceFile(name: "lesson.nn", text: code))
        return output.text
    }

    @Test func aQuietFitIsStillWatched() throws {
        let text = try run(Self.stuck + "h = model.fit(X, y, epochs=4, batch_size=32, shuffle=False, verbose=0)\n")
        #expect(text.hasPrefix("! The loss has stayed at 0.693 ~ ln 2 = 0.693 for 3 epochs"), "\(text)")
        // Said once, and nothing else: the teacher itself stays quiet for verbose=0.
        #expect(text.components(separatedBy: "ln 2").count == 2)
        #expect(!text.contains("Each epoch is one pass"))
    }

    @Test func offIsSilentAsKeras() throws {
        let fit = "h = model.fit(X, y, epochs=4, batch_size=32, shuffle=False, verbose=0)\n"
        #expect(try run(Self.stuck + fit, override: .off) == "")
        #expect(try run(Self.stuck + "explain('off')\n" + fit) == "")
        // The command line's off wins over the program's own level.
        #expect(
            try run(
                Self.stuck + fit.replacingOccurrences(of: "verbose=0", with: "verbose=0, explain='full'"),
                override: .off) == "")
    }
}
