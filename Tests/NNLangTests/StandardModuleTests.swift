import NNLang
import Testing

/// `logging` and `warnings` write to standard error; these runs catch what they write.
/// The expected text was written by Python 3 for the same programs.
@Suite struct StandardModuleTests {
    func run(_ text: String) -> (output: String, errors: String, failure: DiagnosticList?) {
        let output = CapturedOutput()
        let interpreter = Interpreter(output: output)
        var errors = ""
        interpreter.warningHandler = { errors += $0 }
        do { try interpreter.run(SourceFile(name: "program.py", text: text)) } catch {
            return (output.text, errors, error)
        }
        return (output.text, errors, nil)
    }

    @Test func loggingPrintsAsPythonDoes() {
        let (output, errors, failure) = run(
            """
            import logging
            log = logging.getLogger("lab")
            log.info("hidden")
            log.warning("bare %s", 1)
            logging.basicConfig(level=logging.INFO)
            log.info("shown %d and %s", 2, "x")
            logging.getLogger("tensorflow").setLevel(logging.ERROR)
            logging.getLogger("tensorflow").warning("quiet")
            logging.getLogger("tensorflow.sub").error("loud")
            logging.warning("root")
            logging.debug("no")
            print(log.getEffectiveLevel(), logging.getLogger("tensorflow.sub").getEffectiveLevel())
            """)
        #expect(failure == nil)
        #expect(errors == "bare 1\nINFO:lab:shown 2 and x\nERROR:tensorflow.sub:loud\nWARNING:root:root\n")
        #expect(output == "20 40\n")
    }

    @Test func tensorflowsLoggerIsALogger() {
        let (_, errors, failure) = run(
            """
            import tensorflow as tf
            tf.get_logger().setLevel("ERROR")
            tf.get_logger().warning("quiet")
            tf.get_logger().error("loud")
            """)
        #expect(failure == nil)
        #expect(errors == "loud\n")
    }

    @Test func warningsAreShownAndFiltered() {
        let (_, errors, failure) = run(
            """
            import warnings
            warnings.warn("careful")
            warnings.simplefilter("ignore")
            warnings.warn("hidden")
            """)
        #expect(failure == nil)
        #expect(errors == "program.py:2: UserWarning: careful\n  warnings.warn(\"careful\")\n")
    }

    @Test func versionsAreTheLibraries() {
        let (output, _, _) = run("import tensorflow as tf\nimport keras\nprint(tf.__version__, keras.__version__)\n")
        #expect(output == "2.21.0 3.15.1\n")
    }
}
