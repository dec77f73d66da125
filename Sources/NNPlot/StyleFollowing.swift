/// A teaching layer whose style can change while a program runs (a terminal's width, measured again
/// after a resize); the interpreter draws its pictures in that style when its listener is one.
public protocol StyleFollowing: AnyObject {
    /// The style to draw in now; nil keeps the interpreter's own.
    var currentStyle: Style? { get }
}
