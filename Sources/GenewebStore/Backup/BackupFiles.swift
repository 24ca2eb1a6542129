import Foundation

/// File operations of backups that must survive a crash at any moment.
enum BackupFiles {
    /// Renames `partial` to `path` atomically (replacing any file of that name) and makes the
    /// rename durable by flushing the folder.
    static func replace(_ path: String, with partial: String) throws {
        guard rename(partial, path) == 0 else { throw BackupFileError.cannotWrite(path) }
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = open(folder.isEmpty ? "." : folder, O_RDONLY)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}

/// A backup file that cannot be written or read.
public enum BackupFileError: Error, CustomStringConvertible, Equatable {
    case cannotWrite(String)
    case cannotRead(String)

    public var description: String {
        switch self {
        case .cannotWrite(let path): "cannot write \(path)"
        case .cannotRead(let path): "cannot read \(path)"
        }
    }
}
