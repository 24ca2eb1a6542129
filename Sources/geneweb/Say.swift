import Foundation

/// Writes one line to standard output at once. `print` goes through stdio, which holds lines
/// back when the output is a file or a pipe; an operator following `geneweb import > import.log`
/// (or a log collector) must see each progress line when it happens.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
