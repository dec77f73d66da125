/// NNLab's version, printed by `nn --version`.
public enum NNLabVersion {
    public static let string = "0.1.0"
}
