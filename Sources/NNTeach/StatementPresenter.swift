import NNEngine

/// What presenter mode (`nn --step`) is to the terminal teacher: it stops before each statement, at
/// each `pause()` and between the sections of a full step. The CLI's presenter implements it.
public protocol StatementPresenter: AnyObject {
    /// Shows `statement` and waits; false when the person quits.
    func statementWillRun(_ statement: StatementStart) -> Bool
    /// `pause(message)` while presenting: true when the presenter waited (false leaves the plain pause).
    func pause(_ message: String?) -> Bool
    /// A stop between the sections of a full-step explanation; `next` names the section to come.
    func sectionBreak(_ next: String)
}
