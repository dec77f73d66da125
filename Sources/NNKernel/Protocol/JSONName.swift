import NNRepl

/// The kernel's messages are NNRepl's `JSON` values (the notebook's type, one parser and writer for
/// both); the alias lets the kernel's files that import only NNLang name it.
public typealias JSON = NNRepl.JSON
