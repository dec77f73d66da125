/// `d.keys()`, `d.values()`, `d.items()`: live views of a dict, printed as Python prints them
/// (`dict_keys(['loss', 'accuracy'])`), iterable, sized and searchable with `in`, and seeing the dict's
/// later changes, as Python's views do.
final class DictView: IterableObject {
    enum Kind: String {
        case keys, values, items
    }

    let dict: DictBox
    let kind: Kind

    init(_ dict: DictBox, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }

    var typeName: String { "dict_\(kind.rawValue)" }

    var items: [Value] {
        switch kind {
        case .keys: dict.keys
        case .values: dict.values
        case .items: zip(dict.keys, dict.values).map { .tuple([$0, $1]) }
        }
    }

    func repr(_ interpreter: Interpreter) -> String { "\(typeName)(\(interpreter.repr(.list(items))))" }
}
